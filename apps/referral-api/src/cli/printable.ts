// C0 and C1 controls, DEL, and the Unicode format characters that reorder or hide text (bidi
// overrides and isolates, zero-width characters, line and paragraph separators).
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;

/**
 * Stored text made safe for an auditor's terminal: every control or format character is shown as an
 * escape (`\u001b`), so text written by a caller can neither hide nor forge lines of the output.
 */
export function printable(text: string): string {
  return text.replace(UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
