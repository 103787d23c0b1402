/**
 * The message beside a file field whose upload was refused (wrong type, too big,
 * the step closed meanwhile); the field points at it with aria-describedby.
 */
export function UploadError(props: { inputId: string; message?: string | null }) {
  if (!props.message) return null;
  return (
    <p class="field-error" id={`${props.inputId}-error`}>
      <span class="visually-hidden">ข้อผิดพลาด: </span>
      {props.message}
    </p>
  );
}

/** The file input's attributes that tie it to its error. */
export function uploadInputAria(inputId: string, message?: string | null) {
  return message ? { "aria-invalid": "true" as const, "aria-describedby": `${inputId}-error` } : {};
}
