-- A condition a statement needs to hold, checked in that statement: when it does not, the statement fails
-- with the given SQLSTATE instead of returning false. The writer sends COMMIT right behind its last
-- statement without waiting for the answer (events/writer.ts), so that statement must fail, not answer
-- false, for PostgreSQL to turn the COMMIT into a rollback.
CREATE FUNCTION "ensure_true"(holds boolean, errcode text, message text) RETURNS boolean LANGUAGE plpgsql VOLATILE AS $$
BEGIN
	IF holds IS NOT TRUE THEN
		RAISE EXCEPTION USING ERRCODE = errcode, MESSAGE = message;
	END IF;
	RETURN true;
END $$;
