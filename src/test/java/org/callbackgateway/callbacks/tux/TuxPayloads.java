package org.callbackgateway.callbacks.tux;

/**
 * The sample payload of tuxsuite-callbacks.md, verbatim but for the fields a test fills in.
 */
public final class TuxPayloads {
    private TuxPayloads() {
    }

    public static String test(String uid, String state, String result, String project) {
        return """
                {
                    "kind": "test",
                    "status": {
                        "ap_romfw": null,
                        "bios": null,
                        "bl1": null,
                        "boot_args": null,
                        "callback": "https://tuxapi.tuxsuite.com/v1/test_callback",
                        "device": "qemu-arm64",
                        "download_url": "https://storage.tuxsuite.com/public/tuxsuite/demo/tests/2MBYa8FhoBHkRCX2BMMPusjuClf/",
                        "dtb": null,
                        "duration": 117,
                        "finished_time": "2023-02-24T12:44:23.178581",
                        "fip": null,
                        "is_canceling": false,
                        "is_public": true,
                        "kernel": "https://storage.tuxsuite.com/public/linaro/lkft/builds/2M0PXsQDVWO3DwIKTIlwtDELTpb/Image.gz",
                        "mcp_fw": null,
                        "mcp_romfw": null,
                        "modules": "https://storage.tuxsuite.com/public/linaro/lkft/builds/2M0PXsQDVWO3DwIKTIlwtDELTpb/modules.tar.xz",
                        "parameters": {
                            "SHARD_INDEX": "4",
                            "SHARD_NUMBER": "10",
                            "SKIPFILE": "skipfile-lkft.yaml"
                        },
                        "plan": null,
                        "project": "%s",
                        "provisioning_time": "2023-02-24T12:41:42.541788",
                        "result": "%s",
                        "results": {
                            "boot": "pass"
                        },
                        "retries": 0,
                        "retries_messages": [],
                        "rootfs": "https://storage.tuxsuite.com/public/linaro/lkft/oebuilds/2LjyTGHSPqxUqtyCl1xI7SCrbWp/images/juno/lkft-tux-image-juno-20230214185536.rootfs.ext4.gz",
                        "running_time": "2023-02-24T12:42:27.314447",
                        "scp_fw": null,
                        "scp_romfw": null,
                        "state": "%s",
                        "tests": [
                            "boot"
                        ],
                        "timeouts": {},
                        "token_name": "demo-tuxsuite",
                        "uefi": null,
                        "uid": "%s",
                        "user": "demo.user@linaro.org",
                        "user_agent": "tuxsuite/1.9.0",
                        "waiting_for": null
                    }
                }
                """.formatted(project, result, state, uid);
    }

    /** The seed's payload exactly as documented (uid 2MBYa8FhoBHkRCX2BMMPusjuClf, finished, pass). */
    public static String sample() {
        return test("2MBYa8FhoBHkRCX2BMMPusjuClf", "finished", "pass", "tuxsuite/demo");
    }
}
