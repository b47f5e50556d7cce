package io.hitgov.hipaa;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * HIPAA audit gate settings ({@code hitgov.hipaa.*}); all DEF defaults of docs/domain/hipaa-gate.md#gate-rules.
 *
 * @param nprm2025 apply the 2025 proposed Security Rule changes (not final): encryption and MFA
 *     become required and the proposal's new evidence rows join the catalogue
 * @param remediationDueDays days a remediation task has before it is chased
 * @param passValidityDaysAfterGoLive a passed gate expires this many days after go-live
 * @param allowSameSigner the documented small-organization exception: one person may sign as
 *     both security and privacy official (never as a signer of their own evidence)
 */
@ConfigurationProperties("hitgov.hipaa")
public record HipaaProperties(
    @DefaultValue("false") boolean nprm2025,
    @DefaultValue("30") int remediationDueDays,
    @DefaultValue("90") int passValidityDaysAfterGoLive,
    @DefaultValue("false") boolean allowSameSigner) {}
