CREATE TABLE "scenario_batches" (
	"id" serial PRIMARY KEY NOT NULL,
	"zone_id" integer NOT NULL,
	"number" integer NOT NULL,
	"title" text NOT NULL,
	"published_on" date,
	"published" boolean DEFAULT false NOT NULL,
	"synthetic" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "scenario_item_history" (
	"id" serial PRIMARY KEY NOT NULL,
	"zone_id" integer NOT NULL,
	"item_id" integer NOT NULL,
	"from_state" text,
	"to_state" text NOT NULL,
	"actor_id" integer,
	"comment" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "scenario_items" (
	"id" serial PRIMARY KEY NOT NULL,
	"zone_id" integer NOT NULL,
	"batch_id" integer,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"industry" text,
	"resource" text,
	"location" text,
	"budget_min_yuan" bigint,
	"budget_max_yuan" bigint,
	"period_start" date,
	"period_end" date,
	"contact" text,
	"publisher_dept" text,
	"enterprise_id" integer,
	"attachments" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"state" text DEFAULT 'draft' NOT NULL,
	"published_at" timestamp with time zone,
	"created_by" integer,
	"synthetic" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "scenario_match_history" (
	"id" serial PRIMARY KEY NOT NULL,
	"zone_id" integer NOT NULL,
	"match_id" integer NOT NULL,
	"from_stage" text,
	"to_stage" text NOT NULL,
	"note" text,
	"actor_id" integer,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "scenario_matches" (
	"id" serial PRIMARY KEY NOT NULL,
	"zone_id" integer NOT NULL,
	"need_id" integer NOT NULL,
	"capability_id" integer NOT NULL,
	"source" text NOT NULL,
	"stage" text DEFAULT 'recommended' NOT NULL,
	"score" double precision,
	"notes" text,
	"synthetic" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "scenario_responses" (
	"id" serial PRIMARY KEY NOT NULL,
	"zone_id" integer NOT NULL,
	"item_id" integer NOT NULL,
	"enterprise_id" integer,
	"user_id" integer,
	"message" text NOT NULL,
	"contact" text NOT NULL,
	"synthetic" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "scenario_batches" ADD CONSTRAINT "scenario_batches_zone_id_zones_id_fk" FOREIGN KEY ("zone_id") REFERENCES "public"."zones"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scenario_item_history" ADD CONSTRAINT "scenario_item_history_zone_id_zones_id_fk" FOREIGN KEY ("zone_id") REFERENCES "public"."zones"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scenario_item_history" ADD CONSTRAINT "scenario_item_history_item_id_scenario_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."scenario_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scenario_item_history" ADD CONSTRAINT "scenario_item_history_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scenario_items" ADD CONSTRAINT "scenario_items_zone_id_zones_id_fk" FOREIGN KEY ("zone_id") REFERENCES "public"."zones"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scenario_items" ADD CONSTRAINT "scenario_items_batch_id_scenario_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."scenario_batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scenario_items" ADD CONSTRAINT "scenario_items_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scenario_items" ADD CONSTRAINT "scenario_items_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scenario_match_history" ADD CONSTRAINT "scenario_match_history_zone_id_zones_id_fk" FOREIGN KEY ("zone_id") REFERENCES "public"."zones"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scenario_match_history" ADD CONSTRAINT "scenario_match_history_match_id_scenario_matches_id_fk" FOREIGN KEY ("match_id") REFERENCES "public"."scenario_matches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scenario_match_history" ADD CONSTRAINT "scenario_match_history_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scenario_matches" ADD CONSTRAINT "scenario_matches_zone_id_zones_id_fk" FOREIGN KEY ("zone_id") REFERENCES "public"."zones"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scenario_matches" ADD CONSTRAINT "scenario_matches_need_id_scenario_items_id_fk" FOREIGN KEY ("need_id") REFERENCES "public"."scenario_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scenario_matches" ADD CONSTRAINT "scenario_matches_capability_id_scenario_items_id_fk" FOREIGN KEY ("capability_id") REFERENCES "public"."scenario_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scenario_responses" ADD CONSTRAINT "scenario_responses_zone_id_zones_id_fk" FOREIGN KEY ("zone_id") REFERENCES "public"."zones"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scenario_responses" ADD CONSTRAINT "scenario_responses_item_id_scenario_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."scenario_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scenario_responses" ADD CONSTRAINT "scenario_responses_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scenario_responses" ADD CONSTRAINT "scenario_responses_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "scenario_batches_number_uq" ON "scenario_batches" USING btree ("zone_id","number");--> statement-breakpoint
CREATE INDEX "scenario_item_history_item_idx" ON "scenario_item_history" USING btree ("item_id");--> statement-breakpoint
CREATE INDEX "scenario_items_zone_idx" ON "scenario_items" USING btree ("zone_id","state","kind");--> statement-breakpoint
CREATE INDEX "scenario_items_batch_idx" ON "scenario_items" USING btree ("batch_id");--> statement-breakpoint
CREATE INDEX "scenario_items_enterprise_idx" ON "scenario_items" USING btree ("enterprise_id");--> statement-breakpoint
CREATE INDEX "scenario_match_history_match_idx" ON "scenario_match_history" USING btree ("match_id");--> statement-breakpoint
CREATE UNIQUE INDEX "scenario_matches_pair_uq" ON "scenario_matches" USING btree ("need_id","capability_id");--> statement-breakpoint
CREATE INDEX "scenario_matches_zone_idx" ON "scenario_matches" USING btree ("zone_id","stage");--> statement-breakpoint
CREATE INDEX "scenario_responses_item_idx" ON "scenario_responses" USING btree ("zone_id","item_id");