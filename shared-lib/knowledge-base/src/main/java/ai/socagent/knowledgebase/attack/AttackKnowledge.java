package ai.socagent.knowledgebase.attack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The MITRE ATT&CK Enterprise knowledge the knowledge base indexes and agents reason over: an immutable, in-memory view
 * of the extract {@code attack-enterprise.json.gz} that scripts/extract-attack.py builds. Load it
 * once with {@link #embedded()} (shared, thread-safe) and look things up by id.
 *
 * <p>© 2025 The MITRE Corporation. This work is reproduced and distributed with the permission of
 * The MITRE Corporation; see ATTACK-NOTICE.txt next to the resource.
 */
public final class AttackKnowledge {

    /** Class-path location of the extract. */
    public static final String RESOURCE = "/ai/socagent/knowledgebase/attack/attack-enterprise.json.gz";

    record Extract(
            String source,
            String attribution,
            List<Tactic> tactics,
            List<Technique> techniques,
            List<Mitigation> mitigations,
            List<AttackActor> groups,
            List<AttackActor> software,
            List<AttackActor> campaigns) {}

    private static final class Holder {
        private static final AttackKnowledge EMBEDDED = loadResource();
    }

    private final String source;
    private final String attribution;
    private final String contentSha256;
    private final List<Tactic> tactics;
    private final List<Technique> techniques;
    private final Map<String, Tactic> tacticsByKey = new LinkedHashMap<>();
    private final Map<String, Technique> techniquesById = new LinkedHashMap<>();
    private final Map<String, List<Technique>> subTechniques = new LinkedHashMap<>();
    private final Map<String, Mitigation> mitigationsById = new LinkedHashMap<>();
    private final Map<String, AttackActor> actorsById = new LinkedHashMap<>();
    private final Map<String, List<AttackActor>> actorsByTechnique = new LinkedHashMap<>();
    private final List<Mitigation> mitigations;
    private final List<AttackActor> groups;
    private final List<AttackActor> software;
    private final List<AttackActor> campaigns;

    private AttackKnowledge(Extract extract, String contentSha256) {
        this.source = Objects.requireNonNullElse(extract.source(), "");
        this.attribution = Objects.requireNonNullElse(extract.attribution(), "");
        this.contentSha256 = contentSha256;
        this.tactics = List.copyOf(extract.tactics());
        this.techniques = List.copyOf(extract.techniques());
        this.mitigations = List.copyOf(extract.mitigations());
        this.groups = List.copyOf(extract.groups());
        this.software = List.copyOf(extract.software());
        this.campaigns = List.copyOf(extract.campaigns());
        for (Tactic tactic : tactics) {
            tacticsByKey.put(tactic.id(), tactic);
            tacticsByKey.put(tactic.shortname(), tactic);
        }
        for (Technique technique : techniques) {
            techniquesById.put(technique.id(), technique);
            if (technique.isSubTechnique()) {
                subTechniques
                        .computeIfAbsent(technique.parentId(), k -> new ArrayList<>())
                        .add(technique);
            }
        }
        mitigations.forEach(m -> mitigationsById.put(m.id(), m));
        List<AttackActor> actors = new ArrayList<>(groups);
        actors.addAll(software);
        actors.addAll(campaigns);
        for (AttackActor actor : actors) {
            actorsById.put(actor.id(), actor);
            for (String techniqueId : actor.techniques()) {
                actorsByTechnique
                        .computeIfAbsent(techniqueId, k -> new ArrayList<>())
                        .add(actor);
            }
        }
    }

    /** The extract shipped in this module, loaded on first use and shared. */
    public static AttackKnowledge embedded() {
        return Holder.EMBEDDED;
    }

    /**
     * Reads an extract in the format of {@link #RESOURCE} (gzipped JSON).
     *
     * @throws UncheckedIOException when the stream cannot be read or is not such an extract
     */
    public static AttackKnowledge load(InputStream gzippedJson) {
        Objects.requireNonNull(gzippedJson, "gzippedJson");
        JsonMapper mapper = JsonMapper.builder()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
        try (InputStream in = new GZIPInputStream(gzippedJson)) {
            byte[] json = in.readAllBytes();
            Extract extract = mapper.readValue(json, Extract.class);
            if (extract.techniques() == null || extract.tactics() == null) {
                throw new UncheckedIOException(new IOException("not an ATT&CK extract: techniques or tactics missing"));
            }
            return new AttackKnowledge(
                    new Extract(
                            extract.source(),
                            extract.attribution(),
                            extract.tactics(),
                            extract.techniques(),
                            orEmpty(extract.mitigations()),
                            orEmpty(extract.groups()),
                            orEmpty(extract.software()),
                            orEmpty(extract.campaigns())),
                    sha256(json));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the ATT&CK extract", e);
        } catch (JacksonException e) {
            throw new UncheckedIOException(new IOException("malformed ATT&CK extract: " + e.getOriginalMessage(), e));
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    private static AttackKnowledge loadResource() {
        InputStream in = AttackKnowledge.class.getResourceAsStream(RESOURCE);
        if (in == null) {
            throw new IllegalStateException("ATT&CK extract " + RESOURCE + " is missing from the class path");
        }
        return load(in);
    }

    /** Which ATT&CK release the extract was made from. */
    public String source() {
        return source;
    }

    /**
     * SHA-256 (lower-case hex) of the extract's JSON as read (after gunzip): changes whenever the
     * content does, even when {@link #source()} (the ATT&CK release) does not, as when
     * scripts/extract-attack.py starts carrying more of a release.
     */
    public String contentSha256() {
        return contentSha256;
    }

    /**
     * The release and the content together, {@code "<source> sha256:<first 16 hex digits>"}: what a
     * store that indexed this extract records to know whether it has to index it again.
     */
    public String version() {
        return source + " sha256:" + contentSha256.substring(0, 16);
    }

    /** MITRE's copyright designation, to show wherever ATT&CK content is displayed. */
    public String attribution() {
        return attribution;
    }

    /** Every technique and sub-technique, ordered by id. */
    public List<Technique> techniques() {
        return techniques;
    }

    /** The technique or sub-technique with this id (T1078, T1078.004), case-insensitively. */
    public Optional<Technique> technique(String id) {
        return id == null
                ? Optional.empty()
                : Optional.ofNullable(techniquesById.get(id.strip().toUpperCase(Locale.ROOT)));
    }

    /** The sub-techniques of a parent technique, ordered by id; empty for a sub-technique. */
    public List<Technique> subTechniques(String parentId) {
        return Collections.unmodifiableList(subTechniques.getOrDefault(parentId, List.of()));
    }

    /** The 14 Enterprise tactics, ordered by id. */
    public List<Tactic> tactics() {
        return tactics;
    }

    /** A tactic by id (TA0001) or shortname (initial-access). */
    public Optional<Tactic> tactic(String idOrShortname) {
        if (idOrShortname == null) {
            return Optional.empty();
        }
        String key = idOrShortname.strip();
        Tactic tactic = tacticsByKey.get(key.toUpperCase(Locale.ROOT));
        return Optional.ofNullable(tactic != null ? tactic : tacticsByKey.get(key.toLowerCase(Locale.ROOT)));
    }

    /** The tactics a technique belongs to, in ATT&CK's order. */
    public List<Tactic> tacticsOf(Technique technique) {
        return technique.tactics().stream()
                .map(tacticsByKey::get)
                .filter(Objects::nonNull)
                .toList();
    }

    /** The techniques and sub-techniques of a tactic (by id or shortname), ordered by id. */
    public List<Technique> techniquesOf(String tacticIdOrShortname) {
        return tactic(tacticIdOrShortname)
                .map(t -> techniques.stream()
                        .filter(technique -> technique.tactics().contains(t.shortname()))
                        .toList())
                .orElse(List.of());
    }

    /** A mitigation by id (M1031). */
    public Optional<Mitigation> mitigation(String id) {
        return Optional.ofNullable(mitigationsById.get(id));
    }

    /** Every mitigation of the extract, ordered by id, including those linked to no technique. */
    public List<Mitigation> mitigations() {
        return mitigations;
    }

    /** The mitigations linked to a technique. */
    public List<Mitigation> mitigationsOf(Technique technique) {
        return technique.mitigations().stream()
                .map(mitigationsById::get)
                .filter(Objects::nonNull)
                .toList();
    }

    /** The groups (intrusion sets), ordered by id. */
    public List<AttackActor> groups() {
        return groups;
    }

    /** Malware and tools, ordered by kind then id. */
    public List<AttackActor> software() {
        return software;
    }

    /** The campaigns, ordered by id. */
    public List<AttackActor> campaigns() {
        return campaigns;
    }

    /** A group, piece of software or campaign by ATT&CK id (G0082, S0002, C0001). */
    public Optional<AttackActor> actor(String id) {
        return Optional.ofNullable(actorsById.get(id));
    }

    /** The groups, software and campaigns known to have used a technique. */
    public List<AttackActor> actorsUsing(String techniqueId) {
        return Collections.unmodifiableList(actorsByTechnique.getOrDefault(techniqueId, List.of()));
    }
}
