-- A file still open when its SFTP session ended (the connection dropped) is logged as interrupted.
ALTER TABLE sftp_event DROP CONSTRAINT sftp_event_event_check;
ALTER TABLE sftp_event ADD CONSTRAINT sftp_event_event_check
    CHECK (event IN ('login', 'refused', 'locked', 'file_written', 'file_interrupted'));
