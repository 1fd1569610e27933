package org.callbackgateway.callbacks.forge;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.callbackgateway.callbacks.KeyKind;
import org.callbackgateway.callbacks.sources.SourceMaterial;
import org.callbackgateway.callbacks.sources.SourceMaterials;
import org.callbackgateway.callbacks.forge.whck.Identifiers;
import org.callbackgateway.callbacks.forge.whck.SecretFiles;
import org.callbackgateway.callbacks.forge.whck.WhckException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The forge sources' secrets read from a whck secrets directory instead of the database: a file per repository,
 * named by the base16 of its URL, holding its secret, readable by its owner only. Each becomes a key scoped to
 * that repository; the source itself (its body cap, whether SHA-1 is allowed) is still the registered one, and
 * its secrets in the database are not used. Other sources are read from the database unchanged.
 *
 * <p>The directory is read again whenever the registry reloads a source, so a changed file applies within the
 * source cache time ({@code GATEWAY_SOURCE_CACHE_SECONDS}).
 */
public final class ForgeSecretsDirectory implements SourceMaterials {
    private static final Logger LOG = LoggerFactory.getLogger(ForgeSecretsDirectory.class);
    private static final Set<String> FORGE_TYPES = Set.of(GitHubVerifier.TYPE, GiteaVerifier.TYPE, GitLabVerifier.TYPE);

    private final SourceMaterials database;
    private final Path directory;

    public ForgeSecretsDirectory(SourceMaterials database, Path directory) {
        this.database = database;
        this.directory = directory;
    }

    @Override
    public Optional<SourceMaterial> load(String name) {
        return database.load(name).map(material -> FORGE_TYPES.contains(material.source().type())
                ? new SourceMaterial(material.source(), keys()) : material);
    }

    /** One key per readable secrets file whose name is the base16 of a URL; refused files are logged and left out. */
    List<SourceMaterial.PlainKey> keys() {
        List<SourceMaterial.PlainKey> keys = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
            for (Path file : files) {
                String identifier = file.getFileName().toString();
                Optional<String> repository = Identifiers.repository(identifier);
                if (repository.isEmpty()) {
                    LOG.debug("{} is not named by the base16 of a repository URL; ignored", file);
                    continue;
                }
                try {
                    keys.add(new SourceMaterial.PlainKey(keyId(identifier),
                            RepositoryScope.normalize(repository.get()), KeyKind.SECRET, SecretFiles.read(file), null));
                } catch (WhckException refused) {
                    LOG.error("forge secret of {} left out: {}", repository.get(), refused.getMessage());
                }
            }
        } catch (IOException e) {
            LOG.error("forge secrets directory {} cannot be listed ({}): no forge secret is usable", directory,
                    e.getClass().getSimpleName());
        }
        return keys;
    }

    /** A name-based UUID of the file name: stable across reloads and instances, as verification details name it. */
    static UUID keyId(String identifier) {
        return UUID.nameUUIDFromBytes(("whck:" + identifier).getBytes(StandardCharsets.UTF_8));
    }
}
