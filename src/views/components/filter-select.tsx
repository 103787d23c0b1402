/**
 * One choice of a list's GET filter form: a labelled select whose first option,
 * "ทั้งหมด", filters nothing. Filters have no errors to show (an unknown value is
 * ignored), so this is lighter than SelectField.
 */
export function FilterSelect(props: { name: string; label: string; value: string | undefined; options: readonly { value: string; label: string }[] }) {
  return (
    <div class="field">
      <label for={props.name}>{props.label}</label>
      <select id={props.name} name={props.name}>
        <option value="">ทั้งหมด</option>
        {props.options.map((o) => (
          <option value={o.value} selected={props.value === o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}
