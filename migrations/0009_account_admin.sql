CREATE TABLE `account_tokens` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`purpose` text NOT NULL,
	`new_email` text,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`used_at` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `account_tokens_user_idx` ON `account_tokens` (`user_id`,`purpose`);--> statement-breakpoint
ALTER TABLE `users` ADD `phone` text;--> statement-breakpoint
ALTER TABLE `outbox_mail` ADD `user_id` text;--> statement-breakpoint
ALTER TABLE `outbox_mail` ADD `kind` text;--> statement-breakpoint
CREATE INDEX `outbox_user_idx` ON `outbox_mail` (`user_id`,`created_at`);--> statement-breakpoint
ALTER TABLE `universities` ADD `created_at` integer;--> statement-breakpoint
ALTER TABLE `universities` ADD `deactivated_at` integer;--> statement-breakpoint
CREATE INDEX `audit_actor_idx` ON `audit_events` (`actor_id`,`at`);