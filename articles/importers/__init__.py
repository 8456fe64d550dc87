"""Getting stories in: story dumps, JSON Lines and feeds become `StoryRecord`s (sources.py),
which `StoryWriter` stores one transaction each (writer.py); `import_stories` runs the whole
thing and reports (run.py). The text-dump parser itself is textdump.py, free of Django."""
