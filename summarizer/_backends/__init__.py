"""Backends as HTTP transports under one openai client: a remote server (with retries and
schema-format fallback), the in-process llama.cpp model, recorded fixtures, the response
cache, and the embedded model's files."""
