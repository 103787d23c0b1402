import type { RequestListRow } from "../../services/requests";
import { RequestTable } from "../components/request-table";

/** "คำขอของฉัน": every request filed under the signed-in applicant's national ID. */
export function MyRequestsPage(props: { rows: RequestListRow[] }) {
  return (
    <section>
      <h1>คำขอของฉัน</h1>
      <p class="secondary">คำขอตำแหน่งทางวิชาการทั้งหมดที่มหาวิทยาลัยยื่นด้วยเลขประจำตัวประชาชนของท่าน</p>
      <RequestTable rows={props.rows} caption="คำขอของฉัน" />
    </section>
  );
}
