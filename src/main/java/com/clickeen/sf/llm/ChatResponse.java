package com.clickeen.sf.llm;

/** A model's answer: its text (JSON text in JSON mode), usage and why it stopped. */
public record ChatResponse(String text, TokenUsage usage, String finishReason) {}
