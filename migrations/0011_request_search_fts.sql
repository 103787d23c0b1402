-- Officer search by any part of a ticket number, name or letter number across every
-- status (issue 12): a trigram full-text index of the requests officers see (not
-- drafts), kept in step by triggers, so "how many match" is answered by the index
-- alone. FTS5 wants stable integer rowids, and academic_requests has a text key (its
-- hidden rowid may change on VACUUM), so each request gets its number here.
CREATE TABLE `request_search_rows` (
	`rowid` integer PRIMARY KEY,
	`request_id` text NOT NULL UNIQUE
);
--> statement-breakpoint
CREATE VIRTUAL TABLE `request_search` USING fts5(request_id UNINDEXED, ticket_no, full_name, letter_no, tokenize = 'trigram');
--> statement-breakpoint
CREATE TRIGGER `request_search_insert` AFTER INSERT ON `academic_requests` BEGIN
	INSERT INTO request_search_rows (request_id) VALUES (new.id);
	INSERT INTO request_search (rowid, request_id, ticket_no, full_name, letter_no)
	SELECT s.rowid, new.id, new.ticket_no, new.applicant_first_name || ' ' || new.applicant_last_name, new.letter_no
	FROM request_search_rows s WHERE s.request_id = new.id AND new.status <> 'draft';
END;
--> statement-breakpoint
CREATE TRIGGER `request_search_update` AFTER UPDATE OF ticket_no, applicant_first_name, applicant_last_name, letter_no, status ON `academic_requests` BEGIN
	DELETE FROM request_search WHERE rowid = (SELECT rowid FROM request_search_rows WHERE request_id = old.id);
	INSERT INTO request_search (rowid, request_id, ticket_no, full_name, letter_no)
	SELECT s.rowid, new.id, new.ticket_no, new.applicant_first_name || ' ' || new.applicant_last_name, new.letter_no
	FROM request_search_rows s WHERE s.request_id = new.id AND new.status <> 'draft';
END;
--> statement-breakpoint
CREATE TRIGGER `request_search_delete` AFTER DELETE ON `academic_requests` BEGIN
	DELETE FROM request_search WHERE rowid = (SELECT rowid FROM request_search_rows WHERE request_id = old.id);
	DELETE FROM request_search_rows WHERE request_id = old.id;
END;
--> statement-breakpoint
INSERT INTO `request_search_rows` (request_id) SELECT id FROM `academic_requests`;
--> statement-breakpoint
INSERT INTO `request_search` (rowid, request_id, ticket_no, full_name, letter_no)
SELECT s.rowid, r.id, r.ticket_no, r.applicant_first_name || ' ' || r.applicant_last_name, r.letter_no
FROM `academic_requests` r JOIN `request_search_rows` s ON s.request_id = r.id
WHERE r.status <> 'draft';
