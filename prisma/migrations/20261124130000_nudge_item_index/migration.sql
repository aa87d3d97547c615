-- A conversation is looked up by its item (an opened source's status, an answer's See conversation
-- button), and deleting a feed's items sets their conversations' item to NULL: both by item_id.
CREATE INDEX "nudges_item_id_idx" ON "nudges"("item_id");
