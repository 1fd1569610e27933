package org.callbackgateway.hpc;

/**
 * Reads one job from an HPC job API with the job owner's access token.
 */
public interface HpcJobClient {

    /**
     * @throws HpcLookupException when the API does not answer with the job
     */
    HpcJob fetch(String externalId, String accessToken);
}
