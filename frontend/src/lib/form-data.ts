/**
 * A form field's text as submitted: '' when the form has no such field. (FormData also holds files; a text field
 * never does, so a file reads as '' rather than "[object File]".)
 */
export function formText(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === 'string' ? value : '';
}
