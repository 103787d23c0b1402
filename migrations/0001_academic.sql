CREATE TABLE `academic_requests` (
	`id` text PRIMARY KEY NOT NULL,
	`ticket_no` text,
	`university_id` text NOT NULL,
	`applicant_pid_enc` text NOT NULL,
	`applicant_pid_hmac` text NOT NULL,
	`applicant_title` text NOT NULL,
	`applicant_first_name` text NOT NULL,
	`applicant_last_name` text NOT NULL,
	`applicant_email` text,
	`position` text,
	`field_th` text NOT NULL,
	`field_en` text NOT NULL,
	`letter_no` text,
	`coordinator_name` text NOT NULL,
	`coordinator_phone` text NOT NULL,
	`coordinator_email` text NOT NULL,
	`status` text NOT NULL,
	`receipt_no` text,
	`queue_entered_at` integer,
	`status_since` integer NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	`submitted_at` integer,
	`finished_at` integer,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`university_id`) REFERENCES `universities`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `academic_requests_ticket_no_unique` ON `academic_requests` (`ticket_no`);--> statement-breakpoint
CREATE INDEX `requests_university_idx` ON `academic_requests` (`university_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `requests_pid_idx` ON `academic_requests` (`applicant_pid_hmac`,`created_at`);--> statement-breakpoint
CREATE INDEX `requests_status_idx` ON `academic_requests` (`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `requests_queue_idx` ON `academic_requests` (`queue_entered_at`,`id`);--> statement-breakpoint
CREATE TABLE `request_documents` (
	`id` text PRIMARY KEY NOT NULL,
	`request_id` text NOT NULL,
	`file_key` text NOT NULL,
	`file_name` text NOT NULL,
	`size` integer NOT NULL,
	`content_type` text NOT NULL,
	`status` text NOT NULL,
	`note` text,
	`uploaded_by` text NOT NULL,
	`uploaded_at` integer NOT NULL,
	`reviewed_at` integer,
	FOREIGN KEY (`request_id`) REFERENCES `academic_requests`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `documents_request_idx` ON `request_documents` (`request_id`,`uploaded_at`);--> statement-breakpoint
CREATE TABLE `request_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`request_id` text NOT NULL,
	`at` integer NOT NULL,
	`kind` text NOT NULL,
	`status` text NOT NULL,
	`label` text NOT NULL,
	`actor_id` text,
	FOREIGN KEY (`request_id`) REFERENCES `academic_requests`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `events_request_idx` ON `request_events` (`request_id`,`at`);--> statement-breakpoint
CREATE TABLE `site_settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `ticket_counters` (
	`university_id` text NOT NULL,
	`be_year` integer NOT NULL,
	`last_seq` integer NOT NULL,
	PRIMARY KEY(`university_id`, `be_year`)
);
--> statement-breakpoint
CREATE TABLE `tracking_links` (
	`id` text PRIMARY KEY NOT NULL,
	`request_id` text NOT NULL,
	`token_hash` text NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	`revoked_at` integer,
	FOREIGN KEY (`request_id`) REFERENCES `academic_requests`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `tracking_token_uq` ON `tracking_links` (`token_hash`);--> statement-breakpoint
CREATE INDEX `tracking_request_idx` ON `tracking_links` (`request_id`);--> statement-breakpoint
CREATE TABLE `universities` (
	`id` text PRIMARY KEY NOT NULL,
	`code` text NOT NULL,
	`name_th` text NOT NULL,
	`name_en` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `universities_code_unique` ON `universities` (`code`);--> statement-breakpoint
CREATE TABLE `qr_sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`browser_secret_hash` text NOT NULL,
	`state` text NOT NULL,
	`nonce` text NOT NULL,
	`code_verifier` text,
	`match_code` text NOT NULL,
	`requested_ip` text NOT NULL,
	`requested_user_agent` text NOT NULL,
	`requested_place` text,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`status` text NOT NULL,
	`user_id` text
);
--> statement-breakpoint
CREATE INDEX `qr_expires_idx` ON `qr_sessions` (`expires_at`);--> statement-breakpoint
ALTER TABLE `users` ADD `pid_hmac` text;--> statement-breakpoint
CREATE UNIQUE INDEX `users_pid_hmac_uq` ON `users` (`pid_hmac`);