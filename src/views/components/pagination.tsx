/** Previous / "page X of Y" / next, as plain links so Back and bookmarks work. */
export function Pagination(props: { page: number; pages: number; href: (page: number) => string }) {
  if (props.pages <= 1) return null;
  return (
    <nav aria-label="หน้า" class="pagination">
      {props.page > 1 ? <a href={props.href(props.page - 1)}>ก่อนหน้า</a> : null}
      <span>
        หน้า {props.page} จาก {props.pages}
      </span>
      {props.page < props.pages ? <a href={props.href(props.page + 1)}>ถัดไป</a> : null}
    </nav>
  );
}
