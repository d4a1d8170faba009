// Any number of a setting's choices, as checkboxes; the value is their comma-separated list in the choices' order
// (empty: none), the same text the CLI takes ("flink-desk settings set notifications.on failed,lost").
import './choice-list.css';

export function ChoiceList({
  id,
  label,
  value,
  options,
  onChange,
}: {
  id: string;
  label: string;
  value: string;
  options: { value: string; label: string }[];
  onChange: (v: string) => void;
}) {
  const chosen = new Set(
    value
      .split(',')
      .map((v) => v.trim())
      .filter(Boolean),
  );
  const toggle = (v: string, on: boolean) => {
    const next = new Set(chosen);
    if (on) next.add(v);
    else next.delete(v);
    onChange(options.flatMap((o) => (next.has(o.value) ? [o.value] : [])).join(','));
  };
  return (
    <fieldset className="choice-list" id={id} aria-label={label}>
      {options.map((o) => (
        <label key={o.value} className="choice-list-item">
          <input type="checkbox" checked={chosen.has(o.value)} onChange={(e) => toggle(o.value, e.target.checked)} />
          {o.label}
        </label>
      ))}
    </fieldset>
  );
}
