CREATE TABLE "cluster_members" (
	"cluster_id" integer NOT NULL,
	"enterprise_id" integer NOT NULL,
	CONSTRAINT "cluster_members_cluster_id_enterprise_id_pk" PRIMARY KEY("cluster_id","enterprise_id")
);
--> statement-breakpoint
CREATE TABLE "clusters" (
	"id" serial PRIMARY KEY NOT NULL,
	"zone_id" integer NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"name_en" text,
	"industry_prefixes" text[] DEFAULT '{}' NOT NULL,
	"synthetic" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "enterprise_years" (
	"enterprise_id" integer NOT NULL,
	"zone_id" integer NOT NULL,
	"year" integer NOT NULL,
	"above_scale" boolean DEFAULT false NOT NULL,
	"revenue_yuan" bigint,
	"industrial_output_yuan" bigint,
	"tax_yuan" bigint,
	"employees" integer,
	"rd_expense_yuan" bigint,
	"exports_yuan" bigint,
	CONSTRAINT "enterprise_years_enterprise_id_year_pk" PRIMARY KEY("enterprise_id","year")
);
--> statement-breakpoint
CREATE TABLE "enterprises" (
	"id" serial PRIMARY KEY NOT NULL,
	"zone_id" integer NOT NULL,
	"uscc" text NOT NULL,
	"name" text NOT NULL,
	"former_names" text[] DEFAULT '{}' NOT NULL,
	"legal_representative" text,
	"registered_capital_yuan" bigint,
	"established_on" date,
	"closed_on" date,
	"address" text,
	"platform" text,
	"industry_code" text,
	"foreign_invested" boolean DEFAULT false NOT NULL,
	"source_country" text,
	"fortune500_parent" text,
	"listed_exchange" text,
	"listed_ticker" text,
	"high_tech_cert_no" text,
	"high_tech_valid_from" date,
	"high_tech_valid_to" date,
	"tech_sme" boolean DEFAULT false NOT NULL,
	"synthetic" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fdi_monthly" (
	"id" serial PRIMARY KEY NOT NULL,
	"zone_id" integer NOT NULL,
	"enterprise_id" integer NOT NULL,
	"month" date NOT NULL,
	"contract_usd" bigint DEFAULT 0 NOT NULL,
	"actual_usd" bigint DEFAULT 0 NOT NULL,
	"currency" text DEFAULT 'USD' NOT NULL,
	"original_amount" bigint,
	"rate_to_usd" numeric(18, 8),
	"synthetic" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "investment_projects" (
	"id" serial PRIMARY KEY NOT NULL,
	"zone_id" integer NOT NULL,
	"name" text NOT NULL,
	"investor" text NOT NULL,
	"source_country" text,
	"foreign" boolean DEFAULT false NOT NULL,
	"fortune500_parent" text,
	"industry_code" text,
	"stage" text DEFAULT 'lead' NOT NULL,
	"signed_on" date,
	"contract_investment_yuan" bigint,
	"enterprise_id" integer,
	"synthetic" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"zone_id" integer,
	"user_id" integer,
	"action" text NOT NULL,
	"entity" text NOT NULL,
	"entity_id" text,
	"before" jsonb,
	"after" jsonb,
	"ip" text
);
--> statement-breakpoint
CREATE TABLE "login_attempts" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"key" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"ok" boolean NOT NULL
);
--> statement-breakpoint
CREATE TABLE "memberships" (
	"id" serial PRIMARY KEY NOT NULL,
	"user_id" integer NOT NULL,
	"zone_id" integer NOT NULL,
	"role" text NOT NULL,
	"bureau" text,
	"enterprise_id" integer
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"user_id" integer NOT NULL,
	"csrf_token" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" serial PRIMARY KEY NOT NULL,
	"username" text NOT NULL,
	"display_name" text NOT NULL,
	"password_hash" text NOT NULL,
	"global_role" text,
	"disabled" boolean DEFAULT false NOT NULL,
	"synthetic" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_username_unique" UNIQUE("username")
);
--> statement-breakpoint
CREATE TABLE "zones" (
	"id" serial PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"name_en" text,
	"province" text NOT NULL,
	"province_name" text NOT NULL,
	"region" text NOT NULL,
	"established_on" date,
	"synthetic" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "zones_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "countries" (
	"code" text PRIMARY KEY NOT NULL,
	"alpha3" text NOT NULL,
	"numeric" text NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "divisions" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"level" integer NOT NULL,
	"parent" text
);
--> statement-breakpoint
CREATE TABLE "industries" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"level" text NOT NULL,
	"parent" text,
	"section" text NOT NULL,
	"remark" text
);
--> statement-breakpoint
ALTER TABLE "cluster_members" ADD CONSTRAINT "cluster_members_cluster_id_clusters_id_fk" FOREIGN KEY ("cluster_id") REFERENCES "public"."clusters"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cluster_members" ADD CONSTRAINT "cluster_members_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clusters" ADD CONSTRAINT "clusters_zone_id_zones_id_fk" FOREIGN KEY ("zone_id") REFERENCES "public"."zones"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enterprise_years" ADD CONSTRAINT "enterprise_years_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enterprise_years" ADD CONSTRAINT "enterprise_years_zone_id_zones_id_fk" FOREIGN KEY ("zone_id") REFERENCES "public"."zones"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enterprises" ADD CONSTRAINT "enterprises_zone_id_zones_id_fk" FOREIGN KEY ("zone_id") REFERENCES "public"."zones"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fdi_monthly" ADD CONSTRAINT "fdi_monthly_zone_id_zones_id_fk" FOREIGN KEY ("zone_id") REFERENCES "public"."zones"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fdi_monthly" ADD CONSTRAINT "fdi_monthly_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "investment_projects" ADD CONSTRAINT "investment_projects_zone_id_zones_id_fk" FOREIGN KEY ("zone_id") REFERENCES "public"."zones"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "investment_projects" ADD CONSTRAINT "investment_projects_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_zone_id_zones_id_fk" FOREIGN KEY ("zone_id") REFERENCES "public"."zones"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_zone_id_zones_id_fk" FOREIGN KEY ("zone_id") REFERENCES "public"."zones"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "cluster_members_enterprise_idx" ON "cluster_members" USING btree ("enterprise_id");--> statement-breakpoint
CREATE UNIQUE INDEX "clusters_zone_code_uq" ON "clusters" USING btree ("zone_id","code");--> statement-breakpoint
CREATE INDEX "enterprise_years_zone_year_idx" ON "enterprise_years" USING btree ("zone_id","year");--> statement-breakpoint
CREATE UNIQUE INDEX "enterprises_zone_uscc_uq" ON "enterprises" USING btree ("zone_id","uscc");--> statement-breakpoint
CREATE INDEX "enterprises_zone_industry_idx" ON "enterprises" USING btree ("zone_id","industry_code");--> statement-breakpoint
CREATE INDEX "fdi_monthly_zone_month_idx" ON "fdi_monthly" USING btree ("zone_id","month");--> statement-breakpoint
CREATE INDEX "fdi_monthly_enterprise_idx" ON "fdi_monthly" USING btree ("enterprise_id");--> statement-breakpoint
CREATE INDEX "investment_projects_zone_idx" ON "investment_projects" USING btree ("zone_id","stage");--> statement-breakpoint
CREATE INDEX "audit_zone_at_idx" ON "audit_log" USING btree ("zone_id","at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "audit_entity_idx" ON "audit_log" USING btree ("entity","entity_id");--> statement-breakpoint
CREATE INDEX "login_attempts_key_at_idx" ON "login_attempts" USING btree ("key","at");--> statement-breakpoint
CREATE UNIQUE INDEX "memberships_user_zone_uq" ON "memberships" USING btree ("user_id","zone_id");--> statement-breakpoint
CREATE INDEX "sessions_user_idx" ON "sessions" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "industries_parent_idx" ON "industries" USING btree ("parent");