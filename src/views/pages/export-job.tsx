import { formatThaiDateTime } from "../../messages/dates";
import { isWriting, type ExportFormat, type ExportJobStatus, type ExportKind } from "../../domain/exports";
import { EXPORT_FORMAT_WORDS, EXPORT_KIND_WORDS, exportJobTitle } from "../../messages/exports";
import { formatCount } from "../../messages/numbers";

export interface ExportJobView {
  id: string;
  kind: ExportKind;
  format: ExportFormat;
  /** The name the download is saved under. */
  fileName: string;
  status: ExportJobStatus;
  rowsDone: number;
  rowsTotal: number;
  createdAt: Date;
  expiresAt: Date;
  expired: boolean;
}

/** Seconds between polls (htmx) and reloads (without JavaScript). */
export const EXPORT_POLL_SECONDS = 2;

/**
 * The job's state: a progress bar while it runs (polled by htmx, the fragment
 * replacing itself until it has a download link or an error), the link when done.
 */
export function ExportJobStatus(props: { job: ExportJobView; basePath: string }) {
  const { job, basePath } = props;
  const running = !job.expired && isWriting(job.status);
  const total = Math.max(job.rowsTotal, job.rowsDone, 1);
  return (
    <div
      id="export-job"
      hx-get={running ? `${basePath}/${job.id}` : undefined}
      hx-trigger={running ? `every ${EXPORT_POLL_SECONDS}s` : undefined}
      hx-swap={running ? "outerHTML" : undefined}
    >
      {job.expired ? (
        <p class="warning" role="status">
          ไฟล์นี้หมดอายุแล้ว (เก็บไว้ถึง {formatThaiDateTime(job.expiresAt)}) กรุณาสั่งส่งออกใหม่จาก{EXPORT_KIND_WORDS[job.kind].list}
        </p>
      ) : job.status === "failed" ? (
        <p class="error" role="alert">
          สร้างไฟล์ไม่สำเร็จ กรุณาสั่งส่งออกใหม่อีกครั้ง
        </p>
      ) : job.status === "done" ? (
        <>
          <p role="status">
            ไฟล์พร้อมแล้ว ({formatCount(job.rowsDone)} แถว) ดาวน์โหลดได้ถึง {formatThaiDateTime(job.expiresAt)}
          </p>
          <p>
            <a class="button" href={`${basePath}/${job.id}/file`} download={job.fileName}>
              ดาวน์โหลดไฟล์ {EXPORT_FORMAT_WORDS[job.format]}
            </a>
          </p>
        </>
      ) : (
        <>
          <label for="export-progress">
            {job.status === "queued" ? "รอเริ่ม" : "กำลังสร้างไฟล์"}: {formatCount(Math.min(job.rowsDone, total))} จาก {formatCount(job.rowsTotal)} แถว
          </label>
          <progress id="export-progress" max={total} value={Math.min(job.rowsDone, total)}>
            {Math.floor((Math.min(job.rowsDone, total) / total) * 100)}%
          </progress>
          <p class="secondary">
            หน้านี้ปรับปรุงเองทุก {EXPORT_POLL_SECONDS} วินาที หรือ <a href={`${basePath}/${job.id}`}>โหลดหน้าใหม่</a>
          </p>
        </>
      )}
    </div>
  );
}

export function ExportJobPage(props: { job: ExportJobView; basePath: string; listPath: string }) {
  const running = !props.job.expired && isWriting(props.job.status);
  return (
    <section>
      <h1>{exportJobTitle(props.job.kind, props.job.format)}</h1>
      {/* Without JavaScript the page reloads itself until the file is ready. */}
      {running ? (
        <noscript>
          <meta http-equiv="refresh" content={String(EXPORT_POLL_SECONDS * 2)} />
        </noscript>
      ) : null}
      <p>สั่งเมื่อ {formatThaiDateTime(props.job.createdAt)} รายการมีจำนวนมาก ระบบจึงสร้างไฟล์เบื้องหลัง ออกจากหน้านี้แล้วกลับมาภายหลังได้</p>
      <ExportJobStatus job={props.job} basePath={props.basePath} />
      <p>
        <a href={props.listPath}>กลับไป{EXPORT_KIND_WORDS[props.job.kind].list}</a>
      </p>
    </section>
  );
}
