package com.emailsync.contacthistory.config;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/** @param mongoDatabase the database that holds contacts and history */
@Validated
@ConfigurationProperties("emailsync")
public record ContactHistoryProperties(@DefaultValue("emailsync-history") @NotBlank String mongoDatabase) {}
