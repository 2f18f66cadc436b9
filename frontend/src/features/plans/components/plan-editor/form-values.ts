import { formText } from '@/lib/form-data';

/** A text field's trimmed value. */
export function readText(form: FormData, name: string): string {
  return formText(form, name).trim();
}

/** A text field whose empty value means "not set" (null), like a measure's optional table title. */
export function readOptionalText(form: FormData, name: string): string | null {
  return readText(form, name) || null;
}
