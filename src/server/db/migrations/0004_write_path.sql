CREATE TABLE "assignment_marks" (
	"agent_id" uuid PRIMARY KEY NOT NULL,
	"last_assigned_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "config_versions" (
	"org_id" uuid PRIMARY KEY NOT NULL,
	"version" bigint NOT NULL
);
--> statement-breakpoint
ALTER TABLE "assignment_marks" ADD CONSTRAINT "assignment_marks_agent_id_users_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
INSERT INTO "assignment_marks" ("agent_id", "last_assigned_at")
	SELECT "id", "last_assigned_at" FROM "users" WHERE "last_assigned_at" IS NOT NULL;--> statement-breakpoint
ALTER TABLE "users" DROP COLUMN "last_assigned_at";
--> statement-breakpoint
-- Any change to what routes and assigns a request bumps its organization's version (see schema.ts).
CREATE FUNCTION "bump_config_version"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
	changed jsonb;
BEGIN
	IF TG_OP = 'DELETE' THEN changed := to_jsonb(OLD); ELSE changed := to_jsonb(NEW); END IF;
	INSERT INTO "config_versions" ("org_id", "version")
	VALUES (coalesce(changed->>'org_id', changed->>'id')::uuid, 1)
	ON CONFLICT ("org_id") DO UPDATE SET "version" = "config_versions"."version" + 1;
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "teams_config_version" AFTER INSERT OR UPDATE OR DELETE ON "teams"
	FOR EACH ROW EXECUTE FUNCTION "bump_config_version"();
--> statement-breakpoint
CREATE TRIGGER "routing_rules_config_version" AFTER INSERT OR UPDATE OR DELETE ON "routing_rules"
	FOR EACH ROW EXECUTE FUNCTION "bump_config_version"();
--> statement-breakpoint
CREATE TRIGGER "bots_config_version" AFTER INSERT OR UPDATE OR DELETE ON "bots"
	FOR EACH ROW EXECUTE FUNCTION "bump_config_version"();
--> statement-breakpoint
CREATE TRIGGER "organizations_config_version" AFTER UPDATE OF "settings" ON "organizations"
	FOR EACH ROW WHEN (OLD."settings" IS DISTINCT FROM NEW."settings") EXECUTE FUNCTION "bump_config_version"();
