-- The audit log is append-only in the database itself, not by convention: any UPDATE, DELETE or
-- TRUNCATE of "AuditEntry" fails, whoever runs it (the app, a script, someone holding the app's
-- credentials). Retention never touches the audit log, which holds no content.
--
-- The PostgreSQL driver adapter runs a migration by splitting it at every semicolon, so the
-- function body carries none: \073 inside the E'' string is the semicolon PL/pgSQL needs.
CREATE OR REPLACE FUNCTION audit_entry_append_only() RETURNS trigger LANGUAGE plpgsql AS
  E'BEGIN RAISE EXCEPTION ''the audit log is append-only: % on "AuditEntry" is not allowed'', TG_OP\073 END\073';

CREATE TRIGGER "AuditEntry_append_only"
  BEFORE UPDATE OR DELETE ON "AuditEntry"
  FOR EACH ROW EXECUTE FUNCTION audit_entry_append_only();

CREATE TRIGGER "AuditEntry_no_truncate"
  BEFORE TRUNCATE ON "AuditEntry"
  FOR EACH STATEMENT EXECUTE FUNCTION audit_entry_append_only();
