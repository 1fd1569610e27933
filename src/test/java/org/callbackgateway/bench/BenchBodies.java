package org.callbackgateway.bench;

import java.time.Instant;

/**
 * The JSON bodies of the benchmark's deliveries, shaped like the senders' own (DE notification agent, GitHub push,
 * TuxSuite test result, a Standard Webhooks event) and about 2 KB each.
 */
final class BenchBodies {
    private BenchBodies() {
    }

    static String notification(String messageId, String jobId, int job, String status, long epochMillis) {
        String name = "wc_" + (10081655 + job);
        String dir = "/iplant/home/snow-dog/analyses/" + name + "-2024-10-08-16-56-53.284";
        StringBuilder manifest = new StringBuilder();
        for (int file = 0; file < 9; file++) {
            if (file > 0) {
                manifest.append(',');
            }
            manifest.append("{\"path\":\"").append(dir).append("/output/part-").append(file)
                    .append(".tsv\",\"size\":").append(1024 * (file + 3)).append(",\"type\":\"text/tab-separated-values\"}");
        }
        String end = status.equals("Completed") ? Long.toString(epochMillis) : "";
        return """
                {"deleted":false,"message":{"id":"%s","text":"%s %s","timestamp":"%d"},\
                "outputDir":"%s","outputManifest":[%s],\
                "payload":{"action":"job_status_change","analysis_id":"C7F05682-23C8-4182-B9A2-E09650A5F49B",\
                "analysis_name":"Word Count","description":"","display_name":"","enddate":"%s","id":"%s",\
                "name":"%s","resultfolderid":"%s","startdate":"%d","status":"%s","user":"snow-dog"},\
                "seen":false,"type":"analysis","user":"snow-dog"}"""
                .formatted(messageId, name, status.toLowerCase(java.util.Locale.ROOT), epochMillis, dir, manifest, end,
                        jobId, name, dir, epochMillis - 60_000, status);
    }

    static String githubPush(long sequence, long epochSeconds) {
        String after = sha(sequence + 1);
        String time = Instant.ofEpochSecond(epochSeconds).toString();
        return """
                {"ref":"refs/heads/main","before":"%s","after":"%s","created":false,"deleted":false,"forced":false,\
                "compare":"https://github.com/bench-org/bench-repo/compare/%s...%s",\
                "repository":{"id":702345118,"node_id":"R_kgDOKd0xng","name":"bench-repo","full_name":"bench-org/bench-repo",\
                "private":false,"owner":{"login":"bench-org","id":145602211,"type":"Organization"},\
                "html_url":"https://github.com/bench-org/bench-repo","description":"Pipelines for the analysis platform",\
                "fork":false,"url":"https://github.com/bench-org/bench-repo","created_at":1696512000,\
                "pushed_at":%d,"git_url":"git://github.com/bench-org/bench-repo.git",\
                "clone_url":"https://github.com/bench-org/bench-repo.git","default_branch":"main","master_branch":"main"},\
                "pusher":{"name":"snow-dog","email":"snow-dog@example.org"},\
                "sender":{"login":"snow-dog","id":5123987,"type":"User","site_admin":false},\
                "head_commit":{"id":"%s","tree_id":"%s","distinct":true,\
                "message":"Run the word count stage on the new cluster queue (bench %d)","timestamp":"%s",\
                "url":"https://github.com/bench-org/bench-repo/commit/%s",\
                "author":{"name":"Snow Dog","email":"snow-dog@example.org","username":"snow-dog"},\
                "committer":{"name":"GitHub","email":"noreply@github.com","username":"web-flow"},\
                "added":["pipelines/wordcount/queue.yaml"],"removed":[],\
                "modified":["pipelines/wordcount/stage.py","pipelines/wordcount/README.md","ci/matrix.yaml"]},\
                "commits":[{"id":"%s","distinct":true,"message":"Run the word count stage on the new cluster queue",\
                "timestamp":"%s","author":{"name":"Snow Dog","email":"snow-dog@example.org","username":"snow-dog"},\
                "added":["pipelines/wordcount/queue.yaml"],"removed":[],\
                "modified":["pipelines/wordcount/stage.py","pipelines/wordcount/README.md","ci/matrix.yaml"]}]}"""
                .formatted(sha(sequence), after, sha(sequence).substring(0, 12), after.substring(0, 12), epochSeconds,
                        after, sha(sequence + 7), sequence, time, after, after, time);
    }

    static String tuxTest(String uid, long epochSeconds) {
        String time = Instant.ofEpochSecond(epochSeconds).toString().replace("Z", "");
        String storage = "https://storage.tuxsuite.com/public/linaro/lkft/builds/2M0PXsQDVWO3DwIKTIlwtDELTpb/";
        return """
                {"kind":"test","status":{"ap_romfw":null,"bios":null,"bl1":null,"boot_args":null,\
                "callback":"https://gateway.example.org/callbacks/tuxsuite","device":"qemu-arm64",\
                "download_url":"https://storage.tuxsuite.com/public/tuxsuite/demo/tests/%s/","dtb":null,"duration":117,\
                "finished_time":"%s","fip":null,"git_describe":"v6.8-rc3-123-g1b2c3d4e5f60","git_ref":"master",\
                "git_repo":"https://git.kernel.org/pub/scm/linux/kernel/git/torvalds/linux.git",\
                "git_sha":"1b2c3d4e5f60718293a4b5c6d7e8f90112233445","kconfig":["defconfig","lkft.config"],\
                "target_arch":"arm64","toolchain":"gcc-13","is_canceling":false,"is_public":true,"kernel":"%sImage.gz",\
                "mcp_fw":null,"mcp_romfw":null,"modules":"%smodules.tar.xz",\
                "parameters":{"SHARD_INDEX":"4","SHARD_NUMBER":"10","SKIPFILE":"skipfile-lkft.yaml"},"plan":null,\
                "project":"tuxsuite/demo","provisioning_time":"%s","result":"pass",\
                "results":{"boot":"pass","ltp-smoke":"pass","ltp-syscalls":"pass","ltp-math":"pass","ltp-fs":"pass",\
                "kselftest-timers":"pass","kselftest-net":"pass","kunit":"pass","perf":"pass","v4l2":"pass"},\
                "retries":0,"retries_messages":[],\
                "rootfs":"https://storage.tuxsuite.com/public/linaro/lkft/oebuilds/2LjyTGHSPqxUqtyCl1xI7SCrbWp/images/juno/lkft-tux-image-juno-20230214185536.rootfs.ext4.gz",\
                "running_time":"%s","scp_fw":null,"scp_romfw":null,"state":"finished",\
                "tests":["boot","ltp-smoke","ltp-syscalls","ltp-math","ltp-fs","kselftest-timers","kselftest-net","kunit",\
                "perf","v4l2"],\
                "timeouts":{},"token_name":"demo-tuxsuite","uefi":null,"uid":"%s","user":"demo.user@example.org",\
                "user_agent":"tuxsuite/1.25.0","waited_by":[],"waiting_for":"2MBYa5bnQ8zvHMQbFDYUFqFTrAW"}}"""
                .formatted(uid, time, storage, storage, time, time, uid);
    }

    static String standardEvent(long sequence, long epochSeconds) {
        String time = Instant.ofEpochSecond(epochSeconds).toString();
        StringBuilder steps = new StringBuilder();
        for (int step = 0; step < 9; step++) {
            if (step > 0) {
                steps.append(',');
            }
            steps.append("{\"name\":\"stage-").append(step).append("\",\"state\":\"succeeded\",\"started_at\":\"")
                    .append(time).append("\",\"finished_at\":\"").append(time)
                    .append("\",\"log_url\":\"https://ci.example.org/runs/").append(sequence).append("/steps/")
                    .append(step).append("/log\"}");
        }
        return """
                {"type":"pipeline.run.completed","timestamp":"%s","data":{"run_id":"run_%d","pipeline":"wordcount",\
                "project":"analysis-platform/pipelines","trigger":"push","ref":"refs/heads/main","commit":"%s",\
                "state":"succeeded","queued_at":"%s","started_at":"%s","finished_at":"%s",\
                "runner":{"name":"hpc-runner-07","labels":["linux","x86_64","slurm"],"version":"16.4.1"},\
                "steps":[%s]}}"""
                .formatted(time, sequence, sha(sequence), time, time, time, steps);
    }

    /** A stable 40-hex commit id for a sequence number. */
    private static String sha(long sequence) {
        return "%016x%016x%08x".formatted(sequence * 0x9E3779B97F4A7C15L, ~sequence * 0xC2B2AE3D27D4EB4FL,
                (int) (sequence * 0x165667B1L));
    }
}
