/**
 * Small form pieces shared by the popup and the options page. Labels and
 * messages come in already translated (t(key)); nothing here has words of its own.
 */
import type { ComponentChildren, JSX } from 'preact';
import { useId } from 'preact/hooks';

export interface FieldProps {
  label: string;
  /** A translated message shown under the control; marks the control invalid. */
  error?: string;
  hint?: string;
  children: (id: string, describedBy: string | undefined, invalid: boolean) => ComponentChildren;
  class?: string;
}

/** A label, a control and its error, wired for screen readers (aria-describedby, aria-invalid). */
export function Field({ label, error, hint, children, class: cls }: FieldProps) {
  const id = useId();
  const describedBy = error ? `${id}-err` : hint ? `${id}-hint` : undefined;
  return (
    <div class={`field${error ? ' field--invalid' : ''}${cls ? ` ${cls}` : ''}`}>
      <label for={id}>{label}</label>
      {children(id, describedBy, !!error)}
      {error ? (
        <p class="field__error" id={`${id}-err`} role="alert">
          {error}
        </p>
      ) : hint ? (
        <p class="field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
    </div>
  );
}

type InputProps = Omit<JSX.InputHTMLAttributes<HTMLInputElement>, 'onInput' | 'value' | 'type'> & {
  value: string;
  onValue: (value: string) => void;
  /** Text-like kinds only; the value is always a string. */
  type?: 'text' | 'tel' | 'email' | 'url' | 'search';
};

/** A text input that reports its value on every keystroke. */
export function TextInput({ value, onValue, type = 'text', ...rest }: InputProps) {
  return <input type={type} {...rest} value={value} onInput={(e) => onValue(e.currentTarget.value)} />;
}

export interface ListEditorLabels {
  add: string;
  remove: string;
  moveUp: string;
  moveDown: string;
  empty?: string;
}

/**
 * An editable list of strings: one input per item, add, remove and reorder.
 * `errors[i]` is shown under item i.
 */
export function ListEditor(props: {
  items: string[];
  onChange: (items: string[]) => void;
  labels: ListEditorLabels;
  /** Accessible name of item i's input. */
  itemLabel: (index: number) => string;
  errors?: Record<number, string>;
  testid?: string;
  maxLength?: number;
}) {
  const { items, onChange, labels, errors = {} } = props;
  const set = (i: number, v: string) => onChange(items.map((x, j) => (j === i ? v : x)));
  const remove = (i: number) => onChange(items.filter((_, j) => j !== i));
  const move = (i: number, d: -1 | 1) => {
    const next = [...items];
    const j = i + d;
    if (j < 0 || j >= next.length) return;
    [next[i], next[j]] = [next[j]!, next[i]!];
    onChange(next);
  };
  return (
    <div class="list-editor" data-testid={props.testid}>
      {items.length === 0 && labels.empty ? <p class="muted">{labels.empty}</p> : null}
      <ol>
        {items.map((item, i) => (
          <li key={i} class={errors[i] ? 'field--invalid' : undefined}>
            <div class="list-editor__row">
              <input
                type="text"
                value={item}
                maxLength={props.maxLength}
                aria-label={props.itemLabel(i)}
                aria-invalid={errors[i] ? true : undefined}
                onInput={(e) => set(i, e.currentTarget.value)}
              />
              <button type="button" class="icon-btn" title={labels.moveUp} aria-label={labels.moveUp} disabled={i === 0} onClick={() => move(i, -1)}>
                ↑
              </button>
              <button
                type="button"
                class="icon-btn"
                title={labels.moveDown}
                aria-label={labels.moveDown}
                disabled={i === items.length - 1}
                onClick={() => move(i, 1)}
              >
                ↓
              </button>
              <button type="button" class="icon-btn icon-btn--danger" title={labels.remove} aria-label={labels.remove} onClick={() => remove(i)}>
                ×
              </button>
            </div>
            {errors[i] ? (
              <p class="field__error" role="alert">
                {errors[i]}
              </p>
            ) : null}
          </li>
        ))}
      </ol>
      <button type="button" class="btn btn--small" onClick={() => onChange([...items, ''])}>
        + {labels.add}
      </button>
    </div>
  );
}
