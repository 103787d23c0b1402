/** Where an applicant without the ThaiD app learns to install and register it (GET /help/thaid). */
export const THAID_HELP_PATH = "/help/thaid";

export function ThaidHelpLink() {
  return (
    <p class="thaid-help-link">
      <a href={THAID_HELP_PATH}>ยังไม่มีแอป ThaiD? ดูวิธีติดตั้งและลงทะเบียน</a>
      <span class="secondary" lang="en">
        {" "}
        (No ThaiD app yet? How to install and register)
      </span>
    </p>
  );
}
