package com.emailsync.automation.config;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/** @param mongoDatabase the database that holds automations and the firing ledger */
@Validated
@ConfigurationProperties("emailsync")
public record AutomationTriggerProperties(@DefaultValue("emailsync-automations") @NotBlank String mongoDatabase) {}
