"""The prompt templates, shipped as package data of summarizer.prompts."""
