"""Reading articles: files, HTML pages, JSONL feeds and stdin into ``Article`` texts, their
language, and the chunks a long one is summarised in."""
