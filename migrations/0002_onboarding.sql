CREATE TABLE `agencies` (
	`id` text PRIMARY KEY NOT NULL,
	`name_th` text NOT NULL,
	`name_en` text NOT NULL,
	`ministry` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `eservice_files` (
	`id` text PRIMARY KEY NOT NULL,
	`eservice_id` text NOT NULL,
	`step_no` integer NOT NULL,
	`kind` text NOT NULL,
	`file_key` text NOT NULL,
	`file_name` text NOT NULL,
	`content_type` text NOT NULL,
	`size` integer NOT NULL,
	`position` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`eservice_id`) REFERENCES `eservices`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `eservice_files_idx` ON `eservice_files` (`eservice_id`,`step_no`,`kind`);--> statement-breakpoint
CREATE TABLE `eservice_steps` (
	`eservice_id` text NOT NULL,
	`step_no` integer NOT NULL,
	`state` text NOT NULL,
	`answers` text,
	`comments` text,
	`submitted_at` integer,
	`reviewed_at` integer,
	`reviewed_by` text,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`eservice_id`, `step_no`),
	FOREIGN KEY (`eservice_id`) REFERENCES `eservices`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `steps_state_idx` ON `eservice_steps` (`state`,`submitted_at`);--> statement-breakpoint
CREATE TABLE `eservices` (
	`id` text PRIMARY KEY NOT NULL,
	`agency_id` text NOT NULL,
	`name` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`launched_at` integer,
	FOREIGN KEY (`agency_id`) REFERENCES `agencies`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `eservices_agency_idx` ON `eservices` (`agency_id`,`name`);--> statement-breakpoint
CREATE TABLE `notifications` (
	`id` text PRIMARY KEY NOT NULL,
	`agency_id` text NOT NULL,
	`eservice_id` text,
	`text` text NOT NULL,
	`created_at` integer NOT NULL,
	`read_at` integer
);
--> statement-breakpoint
CREATE INDEX `notifications_agency_idx` ON `notifications` (`agency_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `test_results` (
	`id` text PRIMARY KEY NOT NULL,
	`eservice_id` text NOT NULL,
	`step_no` integer NOT NULL,
	`attempt_no` integer NOT NULL,
	`details` text NOT NULL,
	`file_key` text NOT NULL,
	`file_name` text NOT NULL,
	`size` integer NOT NULL,
	`summary` text,
	`status` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`eservice_id`) REFERENCES `eservices`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `test_results_attempt_uq` ON `test_results` (`eservice_id`,`step_no`,`attempt_no`);--> statement-breakpoint
CREATE TABLE `testers` (
	`id` text PRIMARY KEY NOT NULL,
	`eservice_id` text NOT NULL,
	`step_no` integer NOT NULL,
	`full_name` text NOT NULL,
	`organisation` text NOT NULL,
	`email` text NOT NULL,
	`phone` text NOT NULL,
	`pid_enc` text NOT NULL,
	`os` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`eservice_id`) REFERENCES `eservices`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `testers_service_idx` ON `testers` (`eservice_id`,`step_no`);--> statement-breakpoint
ALTER TABLE `outbox_mail` ADD `redact_after_send` integer DEFAULT false NOT NULL;