// One CSV cell, quoted. A cell starting with = + - @ (or a tab or carriage return) would run as a
// formula when the file is opened in a spreadsheet; sign-in emails in the audit log are typed by
// anyone, so such cells get a leading apostrophe (OWASP's advice for CSV injection).
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${safe.replace(/"/g, '""')}"`;
}
