CREATE TABLE "approval_applications" (
	"id" serial PRIMARY KEY NOT NULL,
	"zone_id" integer NOT NULL,
	"enterprise_id" integer NOT NULL,
	"project_name" text NOT NULL,
	"land_parcel" text,
	"investment_yuan" bigint,
	"submitted_on" date NOT NULL,
	"synthetic" boolean DEFAULT false NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "approval_item_events" (
	"id" serial PRIMARY KEY NOT NULL,
	"zone_id" integer NOT NULL,
	"item_id" integer NOT NULL,
	"from_state" text,
	"to_state" text NOT NULL,
	"on" date NOT NULL,
	"note" text,
	"actor_id" integer,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "approval_item_types" (
	"id" serial PRIMARY KEY NOT NULL,
	"zone_id" integer NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"name_en" text,
	"legal_days" integer NOT NULL,
	"department" text NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "approval_items" (
	"id" serial PRIMARY KEY NOT NULL,
	"zone_id" integer NOT NULL,
	"application_id" integer NOT NULL,
	"item_type_id" integer NOT NULL,
	"legal_days" integer NOT NULL,
	"department" text NOT NULL,
	"state" text DEFAULT 'submitted' NOT NULL,
	"accepted_on" date,
	"due_on" date,
	"completed_on" date,
	"pauses" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"synthetic" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "calendar_overrides" (
	"year" integer PRIMARY KEY NOT NULL,
	"holidays" text[] DEFAULT '{}' NOT NULL,
	"workdays" text[] DEFAULT '{}' NOT NULL,
	"note" text,
	"updated_by" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "coop_partners" (
	"id" serial PRIMARY KEY NOT NULL,
	"zone_id" integer NOT NULL,
	"platform_id" integer NOT NULL,
	"name" text NOT NULL,
	"country_code" text NOT NULL,
	"kind" text,
	"synthetic" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "coop_platforms" (
	"id" serial PRIMARY KEY NOT NULL,
	"zone_id" integer NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"name_en" text,
	"description" text,
	"established_year" integer,
	"synthetic" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "coop_projects" (
	"id" serial PRIMARY KEY NOT NULL,
	"zone_id" integer NOT NULL,
	"platform_id" integer NOT NULL,
	"name" text NOT NULL,
	"country_code" text,
	"investment_usd" bigint,
	"year" integer,
	"status" text,
	"synthetic" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "lab_bookings" (
	"id" serial PRIMARY KEY NOT NULL,
	"zone_id" integer NOT NULL,
	"instrument_id" integer NOT NULL,
	"enterprise_id" integer,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"purpose" text,
	"status" text DEFAULT 'booked' NOT NULL,
	"created_by" integer,
	"synthetic" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "lab_instruments" (
	"id" serial PRIMARY KEY NOT NULL,
	"zone_id" integer NOT NULL,
	"lab_id" integer NOT NULL,
	"name" text NOT NULL,
	"model" text,
	"capabilities" text[] DEFAULT '{}' NOT NULL,
	"price_yuan_per_hour" integer DEFAULT 0 NOT NULL,
	"rules" text,
	"synthetic" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "lab_residents" (
	"id" serial PRIMARY KEY NOT NULL,
	"zone_id" integer NOT NULL,
	"lab_id" integer NOT NULL,
	"enterprise_id" integer NOT NULL,
	"since" date,
	"synthetic" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "lab_services" (
	"id" serial PRIMARY KEY NOT NULL,
	"zone_id" integer NOT NULL,
	"lab_id" integer NOT NULL,
	"instrument_id" integer,
	"enterprise_id" integer NOT NULL,
	"served_on" date NOT NULL,
	"kind" text NOT NULL,
	"hours" integer DEFAULT 0 NOT NULL,
	"fee_yuan" integer DEFAULT 0 NOT NULL,
	"synthetic" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "labs" (
	"id" serial PRIMARY KEY NOT NULL,
	"zone_id" integer NOT NULL,
	"name" text NOT NULL,
	"institute" text NOT NULL,
	"capabilities" text[] DEFAULT '{}' NOT NULL,
	"rules" text,
	"synthetic" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "outbound_investments" (
	"id" serial PRIMARY KEY NOT NULL,
	"zone_id" integer NOT NULL,
	"enterprise_id" integer,
	"project_name" text NOT NULL,
	"country_code" text NOT NULL,
	"contract_usd" bigint NOT NULL,
	"industry_code" text,
	"year" integer NOT NULL,
	"synthetic" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reform_measures" (
	"id" serial PRIMARY KEY NOT NULL,
	"zone_id" integer NOT NULL,
	"round" integer NOT NULL,
	"round_name" text NOT NULL,
	"code" text NOT NULL,
	"title" text NOT NULL,
	"department" text NOT NULL,
	"status" text DEFAULT 'planned' NOT NULL,
	"evidence" text,
	"synthetic" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cultivation_applications" (
	"id" serial PRIMARY KEY NOT NULL,
	"zone_id" integer NOT NULL,
	"enterprise_id" integer NOT NULL,
	"level" text NOT NULL,
	"year" integer NOT NULL,
	"stage" text NOT NULL,
	"history" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"note" text,
	"synthetic" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cultivation_assessments" (
	"id" serial PRIMARY KEY NOT NULL,
	"zone_id" integer NOT NULL,
	"enterprise_id" integer NOT NULL,
	"rule_set_key" text NOT NULL,
	"rule_set_version" text NOT NULL,
	"data_year" integer NOT NULL,
	"result" jsonb NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cultivation_profiles" (
	"id" serial PRIMARY KEY NOT NULL,
	"zone_id" integer NOT NULL,
	"enterprise_id" integer NOT NULL,
	"year" integer NOT NULL,
	"data" jsonb NOT NULL,
	"synthetic" boolean DEFAULT false NOT NULL,
	"updated_by" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cultivation_recognitions" (
	"id" serial PRIMARY KEY NOT NULL,
	"zone_id" integer NOT NULL,
	"enterprise_id" integer NOT NULL,
	"level" text NOT NULL,
	"key_little_giant" boolean DEFAULT false NOT NULL,
	"batch" text,
	"certificate_no" text,
	"recognized_on" date NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date,
	"review_on" date,
	"synthetic" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cultivation_rule_sets" (
	"id" serial PRIMARY KEY NOT NULL,
	"zone_id" integer NOT NULL,
	"key" text NOT NULL,
	"version" text NOT NULL,
	"effective_from" date NOT NULL,
	"effective_to" date,
	"definition" jsonb NOT NULL,
	"derived_from" text,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
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
CREATE TABLE "enterprise_changes" (
	"id" serial PRIMARY KEY NOT NULL,
	"zone_id" integer NOT NULL,
	"enterprise_id" integer NOT NULL,
	"import_id" integer,
	"user_id" integer,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"field" text NOT NULL,
	"year" integer,
	"kind" text NOT NULL,
	"before" jsonb,
	"after" jsonb
);
--> statement-breakpoint
CREATE TABLE "enterprise_imports" (
	"id" serial PRIMARY KEY NOT NULL,
	"zone_id" integer NOT NULL,
	"user_id" integer,
	"file_name" text NOT NULL,
	"format" text NOT NULL,
	"status" text NOT NULL,
	"file_path" text,
	"overrides" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"summary" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"committed_at" timestamp with time zone
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
	"secondary_industry_codes" text[] DEFAULT '{}' NOT NULL,
	"foreign_invested" boolean DEFAULT false NOT NULL,
	"source_country" text,
	"hk_macao_taiwan" boolean DEFAULT false NOT NULL,
	"fortune500_parent" text,
	"listed_exchange" text,
	"listed_ticker" text,
	"high_tech_cert_no" text,
	"high_tech_valid_from" date,
	"high_tech_valid_to" date,
	"tech_sme" boolean DEFAULT false NOT NULL,
	"tags" text[] DEFAULT '{}' NOT NULL,
	"synthetic" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "import_mappings" (
	"zone_id" integer NOT NULL,
	"owner" text NOT NULL,
	"mapping" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "import_mappings_zone_id_owner_pk" PRIMARY KEY("zone_id","owner")
);
--> statement-breakpoint
CREATE TABLE "eval_frameworks" (
	"id" serial PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"version" integer NOT NULL,
	"name" text NOT NULL,
	"rows" jsonb NOT NULL,
	"pipeline" jsonb NOT NULL,
	"assumption" text,
	"frozen_at" timestamp with time zone,
	"synthetic" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "eval_results" (
	"id" serial PRIMARY KEY NOT NULL,
	"run_id" integer NOT NULL,
	"round_id" integer NOT NULL,
	"year" integer NOT NULL,
	"zone_id" integer NOT NULL,
	"region" text NOT NULL,
	"score" double precision NOT NULL,
	"rank" integer NOT NULL,
	"region_rank" integer NOT NULL,
	"region_size" integer NOT NULL,
	"scores" jsonb NOT NULL,
	"ranks" jsonb NOT NULL,
	"region_ranks" jsonb NOT NULL,
	"rank_p05" double precision,
	"rank_p95" double precision,
	"synthetic" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "eval_rounds" (
	"id" serial PRIMARY KEY NOT NULL,
	"year" integer NOT NULL,
	"data_year" integer NOT NULL,
	"framework_id" integer NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"jump_threshold" double precision DEFAULT 0.5 NOT NULL,
	"synthetic" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "eval_runs" (
	"id" serial PRIMARY KEY NOT NULL,
	"round_id" integer NOT NULL,
	"framework_id" integer NOT NULL,
	"label" text NOT NULL,
	"pipeline" jsonb NOT NULL,
	"result" jsonb NOT NULL,
	"published" boolean DEFAULT false NOT NULL,
	"published_at" timestamp with time zone,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"synthetic" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "eval_submissions" (
	"id" serial PRIMARY KEY NOT NULL,
	"round_id" integer NOT NULL,
	"zone_id" integer NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"values" jsonb NOT NULL,
	"explanations" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"comments" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"submitted_at" timestamp with time zone,
	"updated_by" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"synthetic" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fdi_closed_months" (
	"zone_id" integer NOT NULL,
	"month" date NOT NULL,
	"closed_by" integer,
	"closed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "fdi_closed_months_zone_id_month_pk" PRIMARY KEY("zone_id","month")
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
	"original_contract_amount" bigint,
	"created_by" integer,
	"synthetic" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "investment_approval_events" (
	"id" serial PRIMARY KEY NOT NULL,
	"zone_id" integer NOT NULL,
	"approval_id" integer NOT NULL,
	"action" text NOT NULL,
	"comment" text,
	"actor_id" integer,
	"seen" boolean DEFAULT false NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "investment_approvals" (
	"id" serial PRIMARY KEY NOT NULL,
	"zone_id" integer NOT NULL,
	"project_id" integer NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"amount_yuan" bigint NOT NULL,
	"note" text,
	"requested_by" integer,
	"decided_by" integer,
	"decided_at" timestamp with time zone,
	"synthetic" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "investment_followups" (
	"id" serial PRIMARY KEY NOT NULL,
	"zone_id" integer NOT NULL,
	"project_id" integer NOT NULL,
	"kind" text NOT NULL,
	"happened_on" date NOT NULL,
	"summary" text NOT NULL,
	"next_action" text,
	"next_action_on" date,
	"next_action_done" boolean DEFAULT false NOT NULL,
	"actor_id" integer,
	"synthetic" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "investment_fund_deals" (
	"id" serial PRIMARY KEY NOT NULL,
	"zone_id" integer NOT NULL,
	"fund_id" integer NOT NULL,
	"enterprise_id" integer,
	"project_id" integer,
	"amount_yuan" bigint NOT NULL,
	"deal_on" date NOT NULL,
	"round" text,
	"synthetic" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "investment_funds" (
	"id" serial PRIMARY KEY NOT NULL,
	"zone_id" integer NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"fund_size_yuan" bigint NOT NULL,
	"landed_on" date NOT NULL,
	"manager" text,
	"synthetic" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "investment_projects" (
	"id" serial PRIMARY KEY NOT NULL,
	"zone_id" integer NOT NULL,
	"name" text NOT NULL,
	"investor" text NOT NULL,
	"co_investors" text[] DEFAULT '{}' NOT NULL,
	"source_country" text,
	"foreign" boolean DEFAULT false NOT NULL,
	"fortune500_parent" text,
	"industry_code" text,
	"tags" text[] DEFAULT '{}' NOT NULL,
	"stage" text DEFAULT 'lead' NOT NULL,
	"stage_reason" text,
	"stage_changed_at" timestamp with time zone,
	"signed_on" date,
	"contract_investment_yuan" bigint,
	"investment_amount" bigint,
	"investment_currency" text DEFAULT 'CNY' NOT NULL,
	"rate_to_cny" numeric(18, 8),
	"land_mu" numeric(12, 2),
	"floor_area_sqm" bigint,
	"expected_output_yuan" bigint,
	"expected_tax_yuan" bigint,
	"lead_source" text,
	"officer_id" integer,
	"platform" text,
	"enterprise_id" integer,
	"investor_key" text GENERATED ALWAYS AS (regexp_replace(lower(investor), '[[:space:][:punct:]（）【】《》，。、·：；“”‘’]|有限责任公司|股份有限公司|有限公司|集团|公司|项目', '', 'g')) STORED,
	"name_key" text GENERATED ALWAYS AS (regexp_replace(lower(name), '[[:space:][:punct:]（）【】《》，。、·：；“”‘’]|有限责任公司|股份有限公司|有限公司|集团|公司|项目', '', 'g')) STORED,
	"synthetic" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "investment_settings" (
	"zone_id" integer PRIMARY KEY NOT NULL,
	"approval_threshold_yuan" bigint NOT NULL,
	"stage_probabilities" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "investment_stage_events" (
	"id" serial PRIMARY KEY NOT NULL,
	"zone_id" integer NOT NULL,
	"project_id" integer NOT NULL,
	"from_stage" text,
	"to_stage" text NOT NULL,
	"reason" text,
	"actor_id" integer,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ip_assets" (
	"id" serial PRIMARY KEY NOT NULL,
	"zone_id" integer NOT NULL,
	"enterprise_id" integer NOT NULL,
	"kind" text NOT NULL,
	"number" text NOT NULL,
	"number_key" text NOT NULL,
	"title" text NOT NULL,
	"jurisdiction" text NOT NULL,
	"filing_date" date,
	"grant_date" date,
	"expiry_date" date,
	"status" text NOT NULL,
	"family_id" text,
	"ip_class" text,
	"main_product" boolean DEFAULT true NOT NULL,
	"self_developed" boolean DEFAULT true NOT NULL,
	"acquired_on" date,
	"strategic_emerging" boolean DEFAULT false NOT NULL,
	"pledged_yuan" bigint,
	"award" text,
	"award_year" integer,
	"valuation_yuan" bigint,
	"synthetic" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ip_cases" (
	"id" serial PRIMARY KEY NOT NULL,
	"zone_id" integer NOT NULL,
	"enterprise_id" integer NOT NULL,
	"exhibition_id" integer,
	"country" text NOT NULL,
	"counterparty" text NOT NULL,
	"type" text NOT NULL,
	"stage" text DEFAULT 'reported' NOT NULL,
	"opened_on" date NOT NULL,
	"next_deadline" date,
	"deadline_note" text,
	"expert_id" integer,
	"outcome" text,
	"cost_yuan" bigint DEFAULT 0 NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"closed_on" date,
	"synthetic" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ip_exhibitions" (
	"id" serial PRIMARY KEY NOT NULL,
	"zone_id" integer NOT NULL,
	"name" text NOT NULL,
	"country" text NOT NULL,
	"city" text,
	"start_date" date NOT NULL,
	"end_date" date NOT NULL,
	"firms_registered" integer DEFAULT 0 NOT NULL,
	"synthetic" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ip_experts" (
	"id" serial PRIMARY KEY NOT NULL,
	"zone_id" integer NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"organisation" text,
	"fields" text[] DEFAULT '{}' NOT NULL,
	"languages" text[] DEFAULT '{}' NOT NULL,
	"countries" text[] DEFAULT '{}' NOT NULL,
	"contact" text,
	"active" boolean DEFAULT true NOT NULL,
	"synthetic" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ip_help_requests" (
	"id" serial PRIMARY KEY NOT NULL,
	"zone_id" integer NOT NULL,
	"enterprise_id" integer NOT NULL,
	"country" text,
	"topic" text NOT NULL,
	"description" text,
	"status" text DEFAULT 'open' NOT NULL,
	"expert_id" integer,
	"advice" text,
	"advised_at" timestamp with time zone,
	"requested_by" integer,
	"synthetic" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ip_markets" (
	"id" serial PRIMARY KEY NOT NULL,
	"zone_id" integer NOT NULL,
	"enterprise_id" integer NOT NULL,
	"country" text NOT NULL,
	"kind" text DEFAULT 'export' NOT NULL,
	"products" text,
	"revenue_share_pct" numeric(5, 2) NOT NULL,
	"synthetic" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ip_policies" (
	"id" serial PRIMARY KEY NOT NULL,
	"zone_id" integer NOT NULL,
	"enterprise_id" integer NOT NULL,
	"type" text NOT NULL,
	"insurer" text NOT NULL,
	"policy_no" text,
	"cover_yuan" bigint NOT NULL,
	"premium_yuan" bigint NOT NULL,
	"subsidy_share_pct" numeric(5, 2) DEFAULT '0' NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date NOT NULL,
	"claims_count" integer DEFAULT 0 NOT NULL,
	"claims_paid_yuan" bigint DEFAULT 0 NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"closed_reason" text,
	"synthetic" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ip_securitisations" (
	"id" serial PRIMARY KEY NOT NULL,
	"zone_id" integer NOT NULL,
	"name" text NOT NULL,
	"issued_on" date NOT NULL,
	"amount_yuan" bigint NOT NULL,
	"firms" integer DEFAULT 0 NOT NULL,
	"patents" integer DEFAULT 0 NOT NULL,
	"synthetic" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ip_settings" (
	"zone_id" integer PRIMARY KEY NOT NULL,
	"population" integer,
	"population_year" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
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
ALTER TABLE "approval_applications" ADD CONSTRAINT "approval_applications_zone_id_zones_id_fk" FOREIGN KEY ("zone_id") REFERENCES "public"."zones"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "approval_applications" ADD CONSTRAINT "approval_applications_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "approval_applications" ADD CONSTRAINT "approval_applications_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "approval_item_events" ADD CONSTRAINT "approval_item_events_zone_id_zones_id_fk" FOREIGN KEY ("zone_id") REFERENCES "public"."zones"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "approval_item_events" ADD CONSTRAINT "approval_item_events_item_id_approval_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."approval_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "approval_item_events" ADD CONSTRAINT "approval_item_events_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "approval_item_types" ADD CONSTRAINT "approval_item_types_zone_id_zones_id_fk" FOREIGN KEY ("zone_id") REFERENCES "public"."zones"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "approval_items" ADD CONSTRAINT "approval_items_zone_id_zones_id_fk" FOREIGN KEY ("zone_id") REFERENCES "public"."zones"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "approval_items" ADD CONSTRAINT "approval_items_application_id_approval_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."approval_applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "approval_items" ADD CONSTRAINT "approval_items_item_type_id_approval_item_types_id_fk" FOREIGN KEY ("item_type_id") REFERENCES "public"."approval_item_types"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calendar_overrides" ADD CONSTRAINT "calendar_overrides_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coop_partners" ADD CONSTRAINT "coop_partners_zone_id_zones_id_fk" FOREIGN KEY ("zone_id") REFERENCES "public"."zones"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coop_partners" ADD CONSTRAINT "coop_partners_platform_id_coop_platforms_id_fk" FOREIGN KEY ("platform_id") REFERENCES "public"."coop_platforms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coop_platforms" ADD CONSTRAINT "coop_platforms_zone_id_zones_id_fk" FOREIGN KEY ("zone_id") REFERENCES "public"."zones"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coop_projects" ADD CONSTRAINT "coop_projects_zone_id_zones_id_fk" FOREIGN KEY ("zone_id") REFERENCES "public"."zones"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coop_projects" ADD CONSTRAINT "coop_projects_platform_id_coop_platforms_id_fk" FOREIGN KEY ("platform_id") REFERENCES "public"."coop_platforms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lab_bookings" ADD CONSTRAINT "lab_bookings_zone_id_zones_id_fk" FOREIGN KEY ("zone_id") REFERENCES "public"."zones"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lab_bookings" ADD CONSTRAINT "lab_bookings_instrument_id_lab_instruments_id_fk" FOREIGN KEY ("instrument_id") REFERENCES "public"."lab_instruments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lab_bookings" ADD CONSTRAINT "lab_bookings_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lab_bookings" ADD CONSTRAINT "lab_bookings_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lab_instruments" ADD CONSTRAINT "lab_instruments_zone_id_zones_id_fk" FOREIGN KEY ("zone_id") REFERENCES "public"."zones"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lab_instruments" ADD CONSTRAINT "lab_instruments_lab_id_labs_id_fk" FOREIGN KEY ("lab_id") REFERENCES "public"."labs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lab_residents" ADD CONSTRAINT "lab_residents_zone_id_zones_id_fk" FOREIGN KEY ("zone_id") REFERENCES "public"."zones"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lab_residents" ADD CONSTRAINT "lab_residents_lab_id_labs_id_fk" FOREIGN KEY ("lab_id") REFERENCES "public"."labs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lab_residents" ADD CONSTRAINT "lab_residents_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lab_services" ADD CONSTRAINT "lab_services_zone_id_zones_id_fk" FOREIGN KEY ("zone_id") REFERENCES "public"."zones"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lab_services" ADD CONSTRAINT "lab_services_lab_id_labs_id_fk" FOREIGN KEY ("lab_id") REFERENCES "public"."labs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lab_services" ADD CONSTRAINT "lab_services_instrument_id_lab_instruments_id_fk" FOREIGN KEY ("instrument_id") REFERENCES "public"."lab_instruments"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lab_services" ADD CONSTRAINT "lab_services_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "labs" ADD CONSTRAINT "labs_zone_id_zones_id_fk" FOREIGN KEY ("zone_id") REFERENCES "public"."zones"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbound_investments" ADD CONSTRAINT "outbound_investments_zone_id_zones_id_fk" FOREIGN KEY ("zone_id") REFERENCES "public"."zones"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbound_investments" ADD CONSTRAINT "outbound_investments_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reform_measures" ADD CONSTRAINT "reform_measures_zone_id_zones_id_fk" FOREIGN KEY ("zone_id") REFERENCES "public"."zones"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cultivation_applications" ADD CONSTRAINT "cultivation_applications_zone_id_zones_id_fk" FOREIGN KEY ("zone_id") REFERENCES "public"."zones"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cultivation_applications" ADD CONSTRAINT "cultivation_applications_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cultivation_assessments" ADD CONSTRAINT "cultivation_assessments_zone_id_zones_id_fk" FOREIGN KEY ("zone_id") REFERENCES "public"."zones"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cultivation_assessments" ADD CONSTRAINT "cultivation_assessments_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cultivation_assessments" ADD CONSTRAINT "cultivation_assessments_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cultivation_profiles" ADD CONSTRAINT "cultivation_profiles_zone_id_zones_id_fk" FOREIGN KEY ("zone_id") REFERENCES "public"."zones"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cultivation_profiles" ADD CONSTRAINT "cultivation_profiles_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cultivation_profiles" ADD CONSTRAINT "cultivation_profiles_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cultivation_recognitions" ADD CONSTRAINT "cultivation_recognitions_zone_id_zones_id_fk" FOREIGN KEY ("zone_id") REFERENCES "public"."zones"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cultivation_recognitions" ADD CONSTRAINT "cultivation_recognitions_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cultivation_rule_sets" ADD CONSTRAINT "cultivation_rule_sets_zone_id_zones_id_fk" FOREIGN KEY ("zone_id") REFERENCES "public"."zones"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cultivation_rule_sets" ADD CONSTRAINT "cultivation_rule_sets_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cluster_members" ADD CONSTRAINT "cluster_members_cluster_id_clusters_id_fk" FOREIGN KEY ("cluster_id") REFERENCES "public"."clusters"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cluster_members" ADD CONSTRAINT "cluster_members_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clusters" ADD CONSTRAINT "clusters_zone_id_zones_id_fk" FOREIGN KEY ("zone_id") REFERENCES "public"."zones"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enterprise_changes" ADD CONSTRAINT "enterprise_changes_zone_id_zones_id_fk" FOREIGN KEY ("zone_id") REFERENCES "public"."zones"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enterprise_changes" ADD CONSTRAINT "enterprise_changes_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enterprise_changes" ADD CONSTRAINT "enterprise_changes_import_id_enterprise_imports_id_fk" FOREIGN KEY ("import_id") REFERENCES "public"."enterprise_imports"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enterprise_changes" ADD CONSTRAINT "enterprise_changes_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enterprise_imports" ADD CONSTRAINT "enterprise_imports_zone_id_zones_id_fk" FOREIGN KEY ("zone_id") REFERENCES "public"."zones"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enterprise_imports" ADD CONSTRAINT "enterprise_imports_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enterprise_years" ADD CONSTRAINT "enterprise_years_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enterprise_years" ADD CONSTRAINT "enterprise_years_zone_id_zones_id_fk" FOREIGN KEY ("zone_id") REFERENCES "public"."zones"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enterprises" ADD CONSTRAINT "enterprises_zone_id_zones_id_fk" FOREIGN KEY ("zone_id") REFERENCES "public"."zones"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_mappings" ADD CONSTRAINT "import_mappings_zone_id_zones_id_fk" FOREIGN KEY ("zone_id") REFERENCES "public"."zones"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "eval_results" ADD CONSTRAINT "eval_results_run_id_eval_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."eval_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "eval_results" ADD CONSTRAINT "eval_results_round_id_eval_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."eval_rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "eval_results" ADD CONSTRAINT "eval_results_zone_id_zones_id_fk" FOREIGN KEY ("zone_id") REFERENCES "public"."zones"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "eval_rounds" ADD CONSTRAINT "eval_rounds_framework_id_eval_frameworks_id_fk" FOREIGN KEY ("framework_id") REFERENCES "public"."eval_frameworks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "eval_runs" ADD CONSTRAINT "eval_runs_round_id_eval_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."eval_rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "eval_runs" ADD CONSTRAINT "eval_runs_framework_id_eval_frameworks_id_fk" FOREIGN KEY ("framework_id") REFERENCES "public"."eval_frameworks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "eval_runs" ADD CONSTRAINT "eval_runs_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "eval_submissions" ADD CONSTRAINT "eval_submissions_round_id_eval_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."eval_rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "eval_submissions" ADD CONSTRAINT "eval_submissions_zone_id_zones_id_fk" FOREIGN KEY ("zone_id") REFERENCES "public"."zones"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "eval_submissions" ADD CONSTRAINT "eval_submissions_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fdi_closed_months" ADD CONSTRAINT "fdi_closed_months_zone_id_zones_id_fk" FOREIGN KEY ("zone_id") REFERENCES "public"."zones"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fdi_closed_months" ADD CONSTRAINT "fdi_closed_months_closed_by_users_id_fk" FOREIGN KEY ("closed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fdi_monthly" ADD CONSTRAINT "fdi_monthly_zone_id_zones_id_fk" FOREIGN KEY ("zone_id") REFERENCES "public"."zones"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fdi_monthly" ADD CONSTRAINT "fdi_monthly_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fdi_monthly" ADD CONSTRAINT "fdi_monthly_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "investment_approval_events" ADD CONSTRAINT "investment_approval_events_zone_id_zones_id_fk" FOREIGN KEY ("zone_id") REFERENCES "public"."zones"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "investment_approval_events" ADD CONSTRAINT "investment_approval_events_approval_id_investment_approvals_id_fk" FOREIGN KEY ("approval_id") REFERENCES "public"."investment_approvals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "investment_approval_events" ADD CONSTRAINT "investment_approval_events_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "investment_approvals" ADD CONSTRAINT "investment_approvals_zone_id_zones_id_fk" FOREIGN KEY ("zone_id") REFERENCES "public"."zones"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "investment_approvals" ADD CONSTRAINT "investment_approvals_project_id_investment_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."investment_projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "investment_approvals" ADD CONSTRAINT "investment_approvals_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "investment_approvals" ADD CONSTRAINT "investment_approvals_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "investment_followups" ADD CONSTRAINT "investment_followups_zone_id_zones_id_fk" FOREIGN KEY ("zone_id") REFERENCES "public"."zones"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "investment_followups" ADD CONSTRAINT "investment_followups_project_id_investment_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."investment_projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "investment_followups" ADD CONSTRAINT "investment_followups_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "investment_fund_deals" ADD CONSTRAINT "investment_fund_deals_zone_id_zones_id_fk" FOREIGN KEY ("zone_id") REFERENCES "public"."zones"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "investment_fund_deals" ADD CONSTRAINT "investment_fund_deals_fund_id_investment_funds_id_fk" FOREIGN KEY ("fund_id") REFERENCES "public"."investment_funds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "investment_fund_deals" ADD CONSTRAINT "investment_fund_deals_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "investment_fund_deals" ADD CONSTRAINT "investment_fund_deals_project_id_investment_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."investment_projects"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "investment_funds" ADD CONSTRAINT "investment_funds_zone_id_zones_id_fk" FOREIGN KEY ("zone_id") REFERENCES "public"."zones"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "investment_projects" ADD CONSTRAINT "investment_projects_zone_id_zones_id_fk" FOREIGN KEY ("zone_id") REFERENCES "public"."zones"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "investment_projects" ADD CONSTRAINT "investment_projects_officer_id_users_id_fk" FOREIGN KEY ("officer_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "investment_projects" ADD CONSTRAINT "investment_projects_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "investment_settings" ADD CONSTRAINT "investment_settings_zone_id_zones_id_fk" FOREIGN KEY ("zone_id") REFERENCES "public"."zones"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "investment_stage_events" ADD CONSTRAINT "investment_stage_events_zone_id_zones_id_fk" FOREIGN KEY ("zone_id") REFERENCES "public"."zones"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "investment_stage_events" ADD CONSTRAINT "investment_stage_events_project_id_investment_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."investment_projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "investment_stage_events" ADD CONSTRAINT "investment_stage_events_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ip_assets" ADD CONSTRAINT "ip_assets_zone_id_zones_id_fk" FOREIGN KEY ("zone_id") REFERENCES "public"."zones"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ip_assets" ADD CONSTRAINT "ip_assets_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ip_cases" ADD CONSTRAINT "ip_cases_zone_id_zones_id_fk" FOREIGN KEY ("zone_id") REFERENCES "public"."zones"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ip_cases" ADD CONSTRAINT "ip_cases_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ip_cases" ADD CONSTRAINT "ip_cases_exhibition_id_ip_exhibitions_id_fk" FOREIGN KEY ("exhibition_id") REFERENCES "public"."ip_exhibitions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ip_cases" ADD CONSTRAINT "ip_cases_expert_id_ip_experts_id_fk" FOREIGN KEY ("expert_id") REFERENCES "public"."ip_experts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ip_exhibitions" ADD CONSTRAINT "ip_exhibitions_zone_id_zones_id_fk" FOREIGN KEY ("zone_id") REFERENCES "public"."zones"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ip_experts" ADD CONSTRAINT "ip_experts_zone_id_zones_id_fk" FOREIGN KEY ("zone_id") REFERENCES "public"."zones"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ip_help_requests" ADD CONSTRAINT "ip_help_requests_zone_id_zones_id_fk" FOREIGN KEY ("zone_id") REFERENCES "public"."zones"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ip_help_requests" ADD CONSTRAINT "ip_help_requests_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ip_help_requests" ADD CONSTRAINT "ip_help_requests_expert_id_ip_experts_id_fk" FOREIGN KEY ("expert_id") REFERENCES "public"."ip_experts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ip_help_requests" ADD CONSTRAINT "ip_help_requests_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ip_markets" ADD CONSTRAINT "ip_markets_zone_id_zones_id_fk" FOREIGN KEY ("zone_id") REFERENCES "public"."zones"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ip_markets" ADD CONSTRAINT "ip_markets_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ip_policies" ADD CONSTRAINT "ip_policies_zone_id_zones_id_fk" FOREIGN KEY ("zone_id") REFERENCES "public"."zones"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ip_policies" ADD CONSTRAINT "ip_policies_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ip_securitisations" ADD CONSTRAINT "ip_securitisations_zone_id_zones_id_fk" FOREIGN KEY ("zone_id") REFERENCES "public"."zones"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ip_settings" ADD CONSTRAINT "ip_settings_zone_id_zones_id_fk" FOREIGN KEY ("zone_id") REFERENCES "public"."zones"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_zone_id_zones_id_fk" FOREIGN KEY ("zone_id") REFERENCES "public"."zones"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_zone_id_zones_id_fk" FOREIGN KEY ("zone_id") REFERENCES "public"."zones"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "approval_applications_zone_idx" ON "approval_applications" USING btree ("zone_id","submitted_on");--> statement-breakpoint
CREATE INDEX "approval_applications_enterprise_idx" ON "approval_applications" USING btree ("enterprise_id");--> statement-breakpoint
CREATE INDEX "approval_item_events_item_idx" ON "approval_item_events" USING btree ("item_id");--> statement-breakpoint
CREATE UNIQUE INDEX "approval_item_types_zone_code_uq" ON "approval_item_types" USING btree ("zone_id","code");--> statement-breakpoint
CREATE INDEX "approval_items_zone_state_idx" ON "approval_items" USING btree ("zone_id","state");--> statement-breakpoint
CREATE INDEX "approval_items_application_idx" ON "approval_items" USING btree ("application_id");--> statement-breakpoint
CREATE INDEX "coop_partners_platform_idx" ON "coop_partners" USING btree ("platform_id");--> statement-breakpoint
CREATE UNIQUE INDEX "coop_platforms_zone_code_uq" ON "coop_platforms" USING btree ("zone_id","code");--> statement-breakpoint
CREATE INDEX "coop_projects_platform_idx" ON "coop_projects" USING btree ("platform_id");--> statement-breakpoint
CREATE INDEX "lab_bookings_instrument_time_idx" ON "lab_bookings" USING btree ("instrument_id","starts_at");--> statement-breakpoint
CREATE INDEX "lab_instruments_lab_idx" ON "lab_instruments" USING btree ("lab_id");--> statement-breakpoint
CREATE UNIQUE INDEX "lab_residents_lab_enterprise_uq" ON "lab_residents" USING btree ("lab_id","enterprise_id");--> statement-breakpoint
CREATE INDEX "lab_services_zone_idx" ON "lab_services" USING btree ("zone_id","served_on");--> statement-breakpoint
CREATE INDEX "outbound_investments_zone_year_idx" ON "outbound_investments" USING btree ("zone_id","year");--> statement-breakpoint
CREATE UNIQUE INDEX "reform_measures_zone_code_uq" ON "reform_measures" USING btree ("zone_id","code");--> statement-breakpoint
CREATE INDEX "reform_measures_zone_round_idx" ON "reform_measures" USING btree ("zone_id","round");--> statement-breakpoint
CREATE INDEX "cultivation_applications_zone_idx" ON "cultivation_applications" USING btree ("zone_id","stage");--> statement-breakpoint
CREATE INDEX "cultivation_applications_enterprise_idx" ON "cultivation_applications" USING btree ("enterprise_id");--> statement-breakpoint
CREATE INDEX "cultivation_assessments_enterprise_idx" ON "cultivation_assessments" USING btree ("zone_id","enterprise_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "cultivation_profiles_uq" ON "cultivation_profiles" USING btree ("enterprise_id","year");--> statement-breakpoint
CREATE INDEX "cultivation_profiles_zone_idx" ON "cultivation_profiles" USING btree ("zone_id","year");--> statement-breakpoint
CREATE INDEX "cultivation_recognitions_zone_idx" ON "cultivation_recognitions" USING btree ("zone_id","level","valid_to");--> statement-breakpoint
CREATE INDEX "cultivation_recognitions_enterprise_idx" ON "cultivation_recognitions" USING btree ("enterprise_id");--> statement-breakpoint
CREATE UNIQUE INDEX "cultivation_rule_sets_uq" ON "cultivation_rule_sets" USING btree ("zone_id","key","version");--> statement-breakpoint
CREATE INDEX "cluster_members_enterprise_idx" ON "cluster_members" USING btree ("enterprise_id");--> statement-breakpoint
CREATE UNIQUE INDEX "clusters_zone_code_uq" ON "clusters" USING btree ("zone_id","code");--> statement-breakpoint
CREATE INDEX "enterprise_changes_enterprise_idx" ON "enterprise_changes" USING btree ("enterprise_id","id");--> statement-breakpoint
CREATE INDEX "enterprise_imports_zone_idx" ON "enterprise_imports" USING btree ("zone_id","id");--> statement-breakpoint
CREATE INDEX "enterprise_years_zone_year_idx" ON "enterprise_years" USING btree ("zone_id","year");--> statement-breakpoint
CREATE UNIQUE INDEX "enterprises_zone_uscc_uq" ON "enterprises" USING btree ("zone_id","uscc");--> statement-breakpoint
CREATE INDEX "enterprises_zone_industry_idx" ON "enterprises" USING btree ("zone_id","industry_code");--> statement-breakpoint
CREATE UNIQUE INDEX "eval_frameworks_code_version_uq" ON "eval_frameworks" USING btree ("code","version");--> statement-breakpoint
CREATE UNIQUE INDEX "eval_results_run_zone_uq" ON "eval_results" USING btree ("run_id","zone_id");--> statement-breakpoint
CREATE INDEX "eval_results_zone_year_idx" ON "eval_results" USING btree ("zone_id","year");--> statement-breakpoint
CREATE INDEX "eval_results_year_idx" ON "eval_results" USING btree ("year");--> statement-breakpoint
CREATE UNIQUE INDEX "eval_rounds_year_uq" ON "eval_rounds" USING btree ("year");--> statement-breakpoint
CREATE INDEX "eval_runs_round_idx" ON "eval_runs" USING btree ("round_id");--> statement-breakpoint
CREATE UNIQUE INDEX "eval_submissions_round_zone_uq" ON "eval_submissions" USING btree ("round_id","zone_id");--> statement-breakpoint
CREATE INDEX "eval_submissions_zone_idx" ON "eval_submissions" USING btree ("zone_id");--> statement-breakpoint
CREATE INDEX "fdi_monthly_zone_month_idx" ON "fdi_monthly" USING btree ("zone_id","month");--> statement-breakpoint
CREATE INDEX "fdi_monthly_enterprise_idx" ON "fdi_monthly" USING btree ("enterprise_id");--> statement-breakpoint
CREATE INDEX "investment_approval_events_approval_idx" ON "investment_approval_events" USING btree ("approval_id");--> statement-breakpoint
CREATE INDEX "investment_approvals_project_idx" ON "investment_approvals" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "investment_approvals_zone_status_idx" ON "investment_approvals" USING btree ("zone_id","status");--> statement-breakpoint
CREATE INDEX "investment_followups_project_idx" ON "investment_followups" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "investment_followups_due_idx" ON "investment_followups" USING btree ("zone_id","next_action_done","next_action_on");--> statement-breakpoint
CREATE INDEX "investment_fund_deals_fund_idx" ON "investment_fund_deals" USING btree ("fund_id");--> statement-breakpoint
CREATE INDEX "investment_fund_deals_zone_idx" ON "investment_fund_deals" USING btree ("zone_id","deal_on");--> statement-breakpoint
CREATE INDEX "investment_funds_zone_idx" ON "investment_funds" USING btree ("zone_id","landed_on");--> statement-breakpoint
CREATE INDEX "investment_projects_zone_idx" ON "investment_projects" USING btree ("zone_id","stage");--> statement-breakpoint
CREATE INDEX "investment_projects_investor_key_idx" ON "investment_projects" USING btree ("zone_id","investor_key");--> statement-breakpoint
CREATE INDEX "investment_projects_name_key_idx" ON "investment_projects" USING btree ("zone_id","name_key");--> statement-breakpoint
CREATE INDEX "investment_stage_events_project_idx" ON "investment_stage_events" USING btree ("project_id");--> statement-breakpoint
CREATE UNIQUE INDEX "ip_assets_number_uq" ON "ip_assets" USING btree ("enterprise_id","jurisdiction","number_key");--> statement-breakpoint
CREATE INDEX "ip_assets_zone_idx" ON "ip_assets" USING btree ("zone_id","kind","jurisdiction","status");--> statement-breakpoint
CREATE INDEX "ip_assets_enterprise_idx" ON "ip_assets" USING btree ("enterprise_id");--> statement-breakpoint
CREATE INDEX "ip_cases_zone_idx" ON "ip_cases" USING btree ("zone_id","status");--> statement-breakpoint
CREATE INDEX "ip_cases_enterprise_idx" ON "ip_cases" USING btree ("enterprise_id");--> statement-breakpoint
CREATE INDEX "ip_exhibitions_zone_idx" ON "ip_exhibitions" USING btree ("zone_id","start_date");--> statement-breakpoint
CREATE INDEX "ip_experts_zone_idx" ON "ip_experts" USING btree ("zone_id","kind");--> statement-breakpoint
CREATE INDEX "ip_help_requests_zone_idx" ON "ip_help_requests" USING btree ("zone_id","status");--> statement-breakpoint
CREATE INDEX "ip_help_requests_enterprise_idx" ON "ip_help_requests" USING btree ("enterprise_id");--> statement-breakpoint
CREATE UNIQUE INDEX "ip_markets_uq" ON "ip_markets" USING btree ("enterprise_id","country","kind");--> statement-breakpoint
CREATE INDEX "ip_markets_zone_idx" ON "ip_markets" USING btree ("zone_id","country");--> statement-breakpoint
CREATE INDEX "ip_policies_zone_idx" ON "ip_policies" USING btree ("zone_id","status","end_date");--> statement-breakpoint
CREATE INDEX "ip_policies_enterprise_idx" ON "ip_policies" USING btree ("enterprise_id");--> statement-breakpoint
CREATE INDEX "ip_securitisations_zone_idx" ON "ip_securitisations" USING btree ("zone_id","issued_on");--> statement-breakpoint
CREATE INDEX "audit_zone_at_idx" ON "audit_log" USING btree ("zone_id","at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "audit_zone_id_idx" ON "audit_log" USING btree ("zone_id","id");--> statement-breakpoint
CREATE INDEX "audit_entity_idx" ON "audit_log" USING btree ("entity","entity_id");--> statement-breakpoint
CREATE INDEX "login_attempts_key_at_idx" ON "login_attempts" USING btree ("key","at");--> statement-breakpoint
CREATE UNIQUE INDEX "memberships_user_zone_uq" ON "memberships" USING btree ("user_id","zone_id");--> statement-breakpoint
CREATE INDEX "sessions_user_idx" ON "sessions" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "industries_parent_idx" ON "industries" USING btree ("parent");