package org.callbackgateway.jobs;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.util.Optional;
import java.util.UUID;
import org.callbackgateway.auth.ActingPrincipal;
import org.callbackgateway.auth.Role;
import org.callbackgateway.web.ApiException;

/**
 * {@code /secured/jobs}: register jobs to track, give them their external id, read them with their history.
 * Users see their own jobs; services (not acting for a user) and admins see every job.
 */
@Path("/secured/jobs")
@Produces(MediaType.APPLICATION_JSON)
public final class JobResource {
    private static final int DEFAULT_LIMIT = 50;
    private static final int MAX_LIMIT = 500;

    private final JobService jobs;
    private final JobStatusService statuses;
    private final CallbackUrls callbackUrls;

    public JobResource(JobService jobs, JobStatusService statuses, CallbackUrls callbackUrls) {
        this.jobs = jobs;
        this.statuses = statuses;
        this.callbackUrls = callbackUrls;
    }

    /** The body of {@code POST /secured/jobs}. */
    public record RegisterJob(
            @JsonProperty("source") String source,
            @JsonProperty("name") String name,
            @JsonProperty("app_id") String appId,
            @JsonProperty("external_id") String externalId,
            @JsonProperty("notify") Boolean emailOnFinish,
            @JsonProperty("callback_credentials") Boolean callbackCredentials) {
    }

    /** A page of jobs; {@code next_cursor} is null on the last page. */
    public record JobList(
            @JsonProperty("jobs") java.util.List<JobView> jobs,
            @JsonProperty("next_cursor") String nextCursor) {
    }

    /** The body of {@code PATCH /secured/jobs/{id}}. */
    public record JobPatch(@JsonProperty("external_id") String externalId) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response register(RegisterJob request, @Context SecurityContext security, @Context UriInfo uri) {
        if (request == null) {
            throw ApiException.badRequest("a JSON object with source and name is required");
        }
        NewJob job = new NewJob(
                JobFields.source(request.source()),
                JobFields.optionalText("external_id", request.externalId(), 512),
                ActingPrincipal.of(security).actingUser(),
                JobFields.requiredText("name", request.name(), 1024),
                JobFields.optionalText("app_id", request.appId(), 512),
                JobStatus.SUBMITTED,
                Optional.empty(),
                Boolean.TRUE.equals(request.emailOnFinish()));
        JobService.Registered registered = jobs.register(job, Boolean.TRUE.equals(request.callbackCredentials()));
        JobView view = JobView.of(registered.job(), callbackUrls.forJob(registered.job(), uri), null);
        return Response.status(201)
                .location(uri.getAbsolutePathBuilder().path(registered.job().id().toString()).build())
                .entity(registered.callbackToken().map(view::withCallbackBasicToken).orElse(view))
                .build();
    }

    @GET
    @Path("{id}")
    public JobView get(@PathParam("id") String id, @Context SecurityContext security, @Context UriInfo uri) {
        Job job = visibleJob(id, security);
        return JobView.of(job, callbackUrls.forJob(job, uri), statuses.history(job.id()));
    }

    @PATCH
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public JobView setExternalId(@PathParam("id") String id, JobPatch patch, @Context SecurityContext security,
                                 @Context UriInfo uri) {
        Job job = visibleJob(id, security);
        if (patch == null) {
            throw ApiException.badRequest("a JSON object with external_id is required");
        }
        String externalId = JobFields.requiredText("external_id", patch.externalId(), 512);
        Job updated = jobs.setExternalId(job.id(), externalId);
        return JobView.of(updated, callbackUrls.forJob(updated, uri), null);
    }

    @GET
    public JobList list(@QueryParam("status") String status, @QueryParam("source") String source,
                                    @QueryParam("owner") String owner, @QueryParam("limit") String limit,
                                    @QueryParam("cursor") String cursor, @Context SecurityContext security,
                                    @Context UriInfo uri) {
        ActingPrincipal caller = ActingPrincipal.of(security);
        Optional<String> ownerFilter = Optional.ofNullable(owner).filter(value -> !value.isBlank());
        if (!seesEveryJob(caller)) {
            if (ownerFilter.isPresent() && !ownerFilter.get().equals(caller.actingUser())) {
                throw ApiException.forbidden("users see only their own jobs");
            }
            ownerFilter = Optional.of(caller.actingUser());
        }
        JobService.JobFilter filter = new JobService.JobFilter(ownerFilter,
                Optional.ofNullable(status).filter(value -> !value.isBlank()).map(value -> JobStatus.fromLabel(value)
                        .orElseThrow(() -> ApiException.badRequest("unknown status " + JobFields.clip(value) + "; one of "
                                + String.join(", ", JobStatus.labels())))),
                Optional.ofNullable(source).filter(value -> !value.isBlank()).map(JobFields::source));
        JobPage page = jobs.page(filter, Optional.ofNullable(cursor).filter(value -> !value.isBlank())
                .map(JobPage.Cursor::decode), JobFields.limit(limit, DEFAULT_LIMIT, MAX_LIMIT));
        return new JobList(page.jobs().stream().map(job -> JobView.of(job, callbackUrls.forJob(job, uri), null)).toList(),
                page.nextCursor().orElse(null));
    }

    private Job visibleJob(String id, SecurityContext security) {
        UUID jobId = JobIds.parse(id)
                .orElseThrow(() -> ApiException.badRequest("job id must be a UUID"));
        ActingPrincipal caller = ActingPrincipal.of(security);
        return jobs.find(jobId)
                .filter(job -> seesEveryJob(caller) || job.owner().equals(caller.actingUser()))
                // Someone else's job is answered as missing, so that ids cannot be probed.
                .orElseThrow(() -> ApiException.notFound("job " + jobId + " not found"));
    }

    private static boolean seesEveryJob(ActingPrincipal caller) {
        Role role = caller.caller().role();
        boolean privileged = role == Role.ADMIN || role == Role.SERVICE;
        return privileged && caller.actingUser().equals(caller.caller().username());
    }
}
