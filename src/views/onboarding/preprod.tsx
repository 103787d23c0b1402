/**
 * @module
 * Step 5, พัฒนาและติดตั้ง Pre-Production: the pre-production App Id and
 * Consumer Key, the 120×120 icon and the ordered screenshots, then the same
 * set-up form and testers as UAT (uat.tsx).
 */
import type { FieldErrors } from "../../domain/forms";
import { fieldId } from "../components/field";
import { DeleteLink } from "../components/confirm-delete";
import { OnceField } from "../components/once-field";
import { UploadError, uploadInputAria } from "../components/upload-error";
import type { StepSection } from "./step-page";
import { SetupCheckSummary, uatSection } from "./uat";

export interface PreprodAssetsProps {
  serviceId: string;
  editable: boolean;
  officer: boolean;
  csrfToken: string;
  credentials: { appId: string | null; keyHint: string | null; issuedAt: Date | null };
  revealedKey?: { appId: string; consumerKey: string } | null;
  icon: { id: string; fileName: string } | null;
  screenshots: { id: string; fileName: string }[];
  templates: { icon: string | null; screenshots: string | null };
  errors?: FieldErrors;
}

/** What step 5 adds to the set-up: the pre-production credentials, the 120×120 icon and the ordered screenshots. */
export function PreprodAssets(props: PreprodAssetsProps) {
  const base = `/eservices/${props.serviceId}`;
  return (
    <>
      <section class="card" aria-labelledby="cred-heading">
        <h3 id="cred-heading">ข้อมูลสำหรับเชื่อมต่อ Pre-Production</h3>
        {props.revealedKey ? (
          <div class="field">
            <p class="warning" role="alert">
              คัดลอกและเก็บ Consumer Key ไว้ในที่ปลอดภัยตอนนี้ ระบบจะไม่แสดงอีกครั้ง
            </p>
            <p>
              App Id: <code>{props.revealedKey.appId}</code>
            </p>
            <label for="consumer-key">Consumer Key</label>
            <input id="consumer-key" readonly value={props.revealedKey.consumerKey} />
          </div>
        ) : (
          <>
            <p>
              App Id: {props.credentials.appId ? <code>{props.credentials.appId}</code> : <span class="secondary">ยังไม่ได้ออก</span>}
            </p>
            <p>
              Consumer Key:{" "}
              {props.credentials.keyHint ? (
                <code>{`••••••••${props.credentials.keyHint}`}</code>
              ) : (
                <span class="secondary">ยังไม่ได้ออก</span>
              )}
            </p>
            {!props.officer && !props.credentials.keyHint ? (
              <form method="post" action={`${base}/credentials`}>
                <input type="hidden" name="_csrf" value={props.csrfToken} />
                <button type="submit" class="button">
                  ออกและแสดง App Id / Consumer Key (แสดงครั้งเดียว)
                </button>
              </form>
            ) : null}
            {props.officer && props.credentials.keyHint ? (
              <form method="post" action={`${base}/credentials/reset`}>
                <input type="hidden" name="_csrf" value={props.csrfToken} />
                <button type="submit" class="button button-secondary">
                  รีเซ็ต Consumer Key (หน่วยงานจะขอแสดงใหม่ได้)
                </button>
              </form>
            ) : null}
          </>
        )}
      </section>
      <section class="card" aria-labelledby="icon5-heading" id={fieldId("icon")}>
        <h3 id="icon5-heading">ไอคอนบริการ (JPG หรือ PNG สี่เหลี่ยมจัตุรัส อย่างน้อย 120×120 พิกเซล)</h3>
        {props.templates.icon ? (
          <p>
            <a href={props.templates.icon}>ดาวน์โหลดเอกสารแนวทางการออกแบบไอคอน</a>
          </p>
        ) : null}
        {props.icon ? (
          <p>
            ไฟล์ไอคอน: <a href={`${base}/files/${props.icon.id}`}>{props.icon.fileName}</a>
          </p>
        ) : (
          <p class="secondary">ยังไม่มีไอคอน</p>
        )}
        {props.errors?.icon && !props.editable ? <p class="field-error">{props.errors.icon}</p> : null}
        {props.editable ? (
          <form method="post" enctype="multipart/form-data" action={`${base}/steps/5/icon`} class={props.errors?.icon ? "field field-invalid" : "field"}>
            <input type="hidden" name="_csrf" value={props.csrfToken} />
            <label for="f-icon5">เลือกไฟล์ไอคอน</label>
            <UploadError inputId="f-icon5" message={props.errors?.icon} />
            <input id="f-icon5" name="file" type="file" accept="image/png,image/jpeg" {...uploadInputAria("f-icon5", props.errors?.icon)} />
            <button type="submit" class="button button-secondary">
              อัปโหลดไอคอน
            </button>
          </form>
        ) : null}
      </section>
      <section class="card" aria-labelledby="shots-heading" id={fieldId("screenshots")}>
        <h3 id="shots-heading">ภาพหน้าจอ ({props.screenshots.length} ภาพ)</h3>
        {props.templates.screenshots ? (
          <p>
            <a href={props.templates.screenshots}>ดาวน์โหลดเอกสารแนวทางภาพหน้าจอ</a>
          </p>
        ) : null}
        {props.errors?.screenshots && !props.editable ? <p class="field-error">{props.errors.screenshots}</p> : null}
        <ol class="screenshots">
          {props.screenshots.map((f, i) => (
            <li>
              <a href={`${base}/files/${f.id}`}>{f.fileName}</a>
              {props.editable ? (
                <span>
                  {i > 0 ? (
                    <form method="post" action={`${base}/steps/5/screenshots/${f.id}/up`} class="inline-form">
                      <input type="hidden" name="_csrf" value={props.csrfToken} />
                      <button type="submit" class="button-link">
                        เลื่อนขึ้น<span class="visually-hidden"> {f.fileName}</span>
                      </button>
                    </form>
                  ) : null}
                  {i < props.screenshots.length - 1 ? (
                    <form method="post" action={`${base}/steps/5/screenshots/${f.id}/down`} class="inline-form">
                      <input type="hidden" name="_csrf" value={props.csrfToken} />
                      <button type="submit" class="button-link">
                        เลื่อนลง<span class="visually-hidden"> {f.fileName}</span>
                      </button>
                    </form>
                  ) : null}
                  <DeleteLink action={`${base}/steps/5/screenshots/${f.id}/delete`} confirmHref={`${base}/steps/5/screenshots/${f.id}/delete`} what={`ภาพหน้าจอ ${f.fileName}`} />
                </span>
              ) : null}
            </li>
          ))}
        </ol>
        {props.editable ? (
          <form method="post" enctype="multipart/form-data" action={`${base}/steps/5/screenshots`} class={props.errors?.screenshots ? "field field-invalid" : "field"}>
            <input type="hidden" name="_csrf" value={props.csrfToken} />
            <OnceField />
            <label for="f-shot">เลือกไฟล์ภาพหน้าจอ (JPG หรือ PNG)</label>
            <UploadError inputId="f-shot" message={props.errors?.screenshots} />
            <input id="f-shot" name="file" type="file" accept="image/png,image/jpeg" {...uploadInputAria("f-shot", props.errors?.screenshots)} />
            <button type="submit" class="button button-secondary">
              เพิ่มภาพหน้าจอ
            </button>
          </form>
        ) : null}
      </section>
    </>
  );
}

/** Step 5 on the shared page: its own assets, then the set-up form and testers. */
export const preprodSection: StepSection = {
  Body: (props) => (
    <>
      {props.step5 ? (
        <PreprodAssets serviceId={props.service.id} editable={props.editable} officer={props.viewer === "officer"} csrfToken={props.csrfToken} errors={props.errors} {...props.step5} />
      ) : null}
      <uatSection.Body {...props} />
    </>
  ),
  listsErrors: (props) => props.editable,
  CheckSummary: SetupCheckSummary,
};
