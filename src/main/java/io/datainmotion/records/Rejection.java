package io.datainmotion.records;

/**
 * Why a record cannot be processed: a short machine-readable {@code reason} (such as
 * {@code invalid-json}), which is what dead letters are counted by, and a {@code detail} for people.
 * Bad input is expected traffic, so it is a value that parsers return, not an exception.
 */
public record Rejection(String reason, String detail) {
}
