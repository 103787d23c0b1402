CREATE TABLE `app_credentials` (
	`eservice_id` text PRIMARY KEY NOT NULL,
	`app_id` text NOT NULL,
	`key_hash` text,
	`key_hint` text,
	`issued_at` integer,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`eservice_id`) REFERENCES `eservices`(`id`) ON UPDATE no action ON DELETE no action
);
