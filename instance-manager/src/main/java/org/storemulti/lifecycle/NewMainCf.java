package org.storemulti.lifecycle;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.storemulti.config.InstanceConfig;
import org.storemulti.config.MainCf;
import org.storemulti.fs.AtomicFile;
import org.storemulti.fs.FileModes;
import org.storemulti.fs.EditLock;
import org.storemulti.registry.Instance;

/**
 * A new instance's main.cf: {@code $meta_directory/main.cf.proto} with the shared
 * locations the primary sets copied in, and the instance's own directories, identity and
 * {@code multi_instance_enable = no}. Written atomically, and only if absent.
 */
final class NewMainCf {

    /**
     * Install parameters every instance shares, copied when the primary sets them (as
     * postmulti does): where the commands and templates live, and who owns the directories.
     */
    static final List<String> SHARED = List.of("command_directory", "daemon_directory", "meta_directory", "mail_owner");

    private NewMainCf() {
    }

    /** The prototype's path, which must exist before anything is created. */
    static Path prototype(InstanceConfig primary) {
        Path proto = primary.path("meta_directory").resolve("main.cf.proto");
        if (!Files.isRegularFile(proto)) {
            throw new LifecycleException("Missing main.cf prototype: " + proto);
        }
        return proto;
    }

    static void write(Path prototype, InstanceConfig primary, Instance instance) {
        Path target = instance.configDirectory().resolve("main.cf");
        try (EditLock lock = EditLock.acquire(target)) {
            if (Files.exists(target)) {
                throw new LifecycleException(target + " appeared while this create ran (another storemulti?): "
                        + "run the same create again to register it");
            }
            String proto = Files.readString(prototype, StandardCharsets.UTF_8);
            MainCf text = MainCf.parse(prototype.toString(), proto).edit(settings(primary, instance), List.of());
            AtomicFile.write(target, text.text(), FileModes.READABLE_FILE);
        } catch (NoSuchFileException e) {
            throw new LifecycleException("Missing main.cf prototype: " + prototype, e);
        } catch (IOException e) {
            throw new LifecycleException("cannot write " + target + ": " + e, e);
        }
    }

    private static Map<String, String> settings(InstanceConfig primary, Instance instance) {
        Map<String, String> set = new LinkedHashMap<>();
        for (String shared : SHARED) {
            if (primary.isSet(shared)) {
                set.put(shared, primary.get(shared));
            }
        }
        set.put("queue_directory", instance.queueDirectory().toString());
        set.put("data_directory", instance.dataDirectory().toString());
        if (!instance.name().isEmpty()) {
            set.put("multi_instance_name", instance.name());
        }
        if (!instance.group().isEmpty()) {
            set.put("multi_instance_group", instance.group());
        }
        set.put("multi_instance_enable", "no");
        if (!instance.name().isEmpty()) {
            set.put("syslog_name", instance.name());
        }
        return set;
    }
}
