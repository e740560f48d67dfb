CREATE TABLE "export_jobs" (
	"id" uuid PRIMARY KEY NOT NULL,
	"n" bigserial NOT NULL,
	"org_id" uuid NOT NULL,
	"requested_by" uuid,
	"query" jsonb NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"attempts" integer DEFAULT 0 NOT NULL,
	"worker_id" text,
	"lease_until" timestamp with time zone,
	"row_count" bigint,
	"byte_count" bigint,
	"error" text,
	CONSTRAINT "export_jobs_status_known" CHECK ("export_jobs"."status" in ('queued', 'running', 'complete', 'failed'))
);
--> statement-breakpoint
DROP INDEX "sessions_history_idx";--> statement-breakpoint
ALTER TABLE "export_jobs" ADD CONSTRAINT "export_jobs_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "export_jobs" ADD CONSTRAINT "export_jobs_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "export_jobs_org_idx" ON "export_jobs" USING btree ("org_id","n");--> statement-breakpoint
CREATE INDEX "export_jobs_pending_idx" ON "export_jobs" USING btree ("n") WHERE "export_jobs"."status" in ('queued', 'running');--> statement-breakpoint
CREATE INDEX "sessions_history_idx" ON "sessions" USING btree ("org_id","queued_at","id");