package org.storemulti.registry;

import java.nio.file.Path;

import org.storemulti.config.ConfigException;
import org.storemulti.config.InstanceConfig;

/** Turns one instance's {@link InstanceConfig} into an {@link Instance}, checking the values the manager relies on. */
public final class InstanceReader {

    private InstanceReader() {
    }

    /**
     * The instance that {@code config} describes.
     *
     * @param enabledOverride when non-null, the enable flag to use instead of main.cf's
     *     (the primary of a single-instance setup counts as enabled)
     */
    public static Instance read(InstanceConfig config, boolean primary, Boolean enabledOverride) {
        try {
            boolean enabled = enabledOverride != null ? enabledOverride : enableFlag(config);
            return new Instance(config.configDirectory(), config.instanceName().strip(), config.instanceGroup().strip(),
                    enabled, primary, config.queueDirectory().normalize(), config.dataDirectory().normalize(),
                    config.path("command_directory").normalize(), config.path("daemon_directory").normalize(),
                    config.get("syslog_name").strip(), config.list("lmtp_listen"), config.list("imap_listen"));
        } catch (ConfigException e) {
            throw new RegistryException("Cannot load " + config.mainCfPath() + ": " + e.getMessage(), e);
        }
    }

    /** Reads {@code configDirectory/main.cf}; a missing or broken file names itself. */
    public static InstanceConfig load(Path configDirectory) {
        try {
            return InstanceConfig.load(configDirectory);
        } catch (ConfigException e) {
            throw new RegistryException(e.getMessage() + ": cannot obtain the " + configDirectory
                    + "/main.cf parameters", e);
        }
    }

    private static boolean enableFlag(InstanceConfig config) {
        String value = config.get("multi_instance_enable").strip();
        if (value.equalsIgnoreCase("yes")) {
            return true;
        }
        if (value.equalsIgnoreCase("no")) {
            return false;
        }
        throw new RegistryException("Unexpected " + config.where("multi_instance_enable")
                + " entry: multi_instance_enable = " + value);
    }
}
