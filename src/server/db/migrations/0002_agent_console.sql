CREATE TABLE "quick_responses" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"shortcut" text NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "customer_token_hash" text;--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "closed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "quick_responses" ADD CONSTRAINT "quick_responses_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "quick_responses_org_shortcut" ON "quick_responses" USING btree ("org_id",lower("shortcut"));--> statement-breakpoint
ALTER TABLE "conversations" ADD CONSTRAINT "conversations_customer_token_hash_unique" UNIQUE("customer_token_hash");