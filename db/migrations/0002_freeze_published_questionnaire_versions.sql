-- A published questionnaire version never changes: its content, hash and identity are frozen
-- once it leaves draft, it cannot return to draft, and it cannot be deleted. Retiring it
-- (published -> retired) is the one change allowed.
CREATE FUNCTION questionnaire_versions_frozen() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF OLD.status <> 'draft' THEN
      RAISE EXCEPTION 'questionnaire version %@% is %, and cannot be deleted', OLD.questionnaire_id, OLD.version, OLD.status
        USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN OLD;
  END IF;
  IF OLD.status <> 'draft' AND (
    NEW.content IS DISTINCT FROM OLD.content
    OR NEW.content_hash IS DISTINCT FROM OLD.content_hash
    OR NEW.version IS DISTINCT FROM OLD.version
    OR NEW.questionnaire_id IS DISTINCT FROM OLD.questionnaire_id
    OR NEW.status = 'draft'
    OR (OLD.status = 'retired' AND NEW.status <> 'retired')
  ) THEN
    RAISE EXCEPTION 'questionnaire version %@% is %, and its content cannot change; add a new version', OLD.questionnaire_id, OLD.version, OLD.status
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER questionnaire_versions_frozen_update
  BEFORE UPDATE ON questionnaire_versions
  FOR EACH ROW EXECUTE FUNCTION questionnaire_versions_frozen();
--> statement-breakpoint
CREATE TRIGGER questionnaire_versions_frozen_delete
  BEFORE DELETE ON questionnaire_versions
  FOR EACH ROW EXECUTE FUNCTION questionnaire_versions_frozen();
