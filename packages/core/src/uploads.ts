/**
 * Upload limits the server enforces and the web's upload component checks before sending
 * (server: lib/multipart.ts, lib/uploads.ts; web: components/FileUpload.tsx). Technical bounds,
 * not rules: a file is stored in the database, and an import is read in one request.
 */
const MB = 1024 * 1024;
/** Evidence (meeting records, development documents): at most 10 MB a file. */
export const EVIDENCE_FILE_MAX_BYTES = 10 * MB;
/** A roster, payroll or development import workbook (.xlsx): at most 20 MB (5,000 rows are well under 1 MB). */
export const IMPORT_FILE_MAX_BYTES = 20 * MB;
