package com.clickeen.sf.json;

/** One thing wrong with a document: where ({@code $.input.message}) and what. */
public record ValidationIssue(String path, String message) {}
