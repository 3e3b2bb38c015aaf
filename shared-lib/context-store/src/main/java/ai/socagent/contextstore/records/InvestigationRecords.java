package ai.socagent.contextstore.records;

import ai.socagent.contextstore.ContextAlreadyExistsException;
import ai.socagent.contextstore.ContextStore;
import ai.socagent.contextstore.InvestigationContextEntry;
import ai.socagent.contextstore.InvestigationContextRepository;
import ai.socagent.contextstore.Page;
import ai.socagent.contextstore.PageRequest;
import ai.socagent.contextstore.TimeRange;
import ai.socagent.domainjson.ContextRecordCodec;
import ai.socagent.domainjson.ContextRecordType;
import ai.socagent.domainjson.ContextRecords;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The records of investigations, in InvestigationContextTable: each under the context level named
 * after its {@link ContextRecordType} ({@code classification}), or {@code <type>:<qualifier>} for a
 * type an investigation holds many of ({@code audit-entry:<event id>}), at the time it concerns.
 *
 * <p>Writes are create-if-absent: an agent that handles a redelivered event writes nothing twice,
 * and the first record stands. Thread-safe.
 */
public final class InvestigationRecords {

    /** Separates a record type's name from the qualifier in a context level. */
    public static final char QUALIFIER_SEPARATOR = ':';

    private static final Pattern QUALIFIER = Pattern.compile("[A-Za-z0-9._-]{1,128}");
    private static final TimeRange ALL_TIME =
            TimeRange.between(Instant.parse("0000-01-01T00:00:00Z"), Instant.parse("9999-12-31T23:59:59Z"));
    private static final int PAGE = 200;

    private final InvestigationContextRepository investigations;
    private final Map<String, ContextRecordCodec<?>> codecs;

    public InvestigationRecords(ContextStore store) {
        this.investigations = Objects.requireNonNull(store, "store").investigations();
        this.codecs = ContextRecords.all().stream()
                .collect(Collectors.toUnmodifiableMap(ContextRecordType::name, ContextRecordCodec::of));
    }

    /**
     * The key time of a record an investigation holds one of (its threat, its classification): fixed,
     * so that the first record stands whenever and however often the others try, races included.
     */
    public static final Instant SINGLE_RECORD_TIME = Instant.EPOCH;

    /**
     * Keeps the one record of its type for the investigation, unless it holds one already (a
     * redelivery, a retry, a concurrent writer: the first stands).
     *
     * @return true when this call stored it, false when the investigation held one
     */
    public <T> boolean putIfAbsent(String investigationId, ContextRecordType<T> type, String agentId, T record) {
        return create(investigationId, type.name(), type, SINGLE_RECORD_TIME, agentId, record);
    }

    /**
     * Keeps a record of a type an investigation holds many of, told apart by {@code qualifier} (an
     * event id, an action id), at the time it concerns; kept once per qualifier.
     *
     * @return true when this call stored it, false when it was there
     */
    public <T> boolean putIfAbsent(
            String investigationId,
            ContextRecordType<T> type,
            String qualifier,
            Instant timestamp,
            String agentId,
            T record) {
        if (qualifier == null || !QUALIFIER.matcher(qualifier).matches()) {
            throw new IllegalArgumentException(
                    "a record qualifier is 1-128 letters, digits, '.', '_' or '-', not '" + qualifier + "'");
        }
        return create(investigationId, type.name() + QUALIFIER_SEPARATOR + qualifier, type, timestamp, agentId, record);
    }

    private <T> boolean create(
            String investigationId,
            String level,
            ContextRecordType<T> type,
            Instant timestamp,
            String agentId,
            T record) {
        return createEncoded(
                investigationId, level, timestamp, agentId, codec(type).encode(record));
    }

    /**
     * {@link #putIfAbsent(String, ContextRecordType, String, Object)} of a payload the caller
     * encoded with the type's codec, for a caller that writes the same record elsewhere too.
     */
    boolean putEncodedIfAbsent(String investigationId, ContextRecordType<?> type, String agentId, String payload) {
        return createEncoded(investigationId, type.name(), SINGLE_RECORD_TIME, agentId, payload);
    }

    private boolean createEncoded(
            String investigationId, String level, Instant timestamp, String agentId, String payload) {
        try {
            investigations.create(InvestigationContextEntry.of(investigationId, level, timestamp, agentId, payload));
            return true;
        } catch (ContextAlreadyExistsException recordedBefore) {
            return false;
        }
    }

    /** The investigation's one record of this type ({@link #putIfAbsent(String, ContextRecordType, String, Object)}). */
    public <T> Optional<StoredRecord<T>> first(String investigationId, ContextRecordType<T> type) {
        Page<InvestigationContextEntry> page =
                investigations.findByLevel(investigationId, type.name(), ALL_TIME, PageRequest.first(1));
        return page.items().stream().findFirst().map(entry -> stored(type, Optional.empty(), entry));
    }

    /** Everything the investigation holds, decoded; empty for an unknown or expired investigation. */
    public InvestigationSnapshot snapshot(String investigationId) {
        List<StoredRecord<?>> records = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        PageRequest request = PageRequest.first(PAGE);
        while (true) {
            Page<InvestigationContextEntry> page = investigations.findByInvestigation(investigationId, request);
            for (InvestigationContextEntry entry : page.items()) {
                decode(entry).ifPresentOrElse(records::add, () -> unreadable.add(entry.contextLevel()));
            }
            if (page.nextCursor().isEmpty()) {
                return new InvestigationSnapshot(investigationId, records, unreadable);
            }
            request = request.next(page.nextCursor().get());
        }
    }

    private Optional<StoredRecord<?>> decode(InvestigationContextEntry entry) {
        String level = entry.contextLevel();
        int separator = level.indexOf(QUALIFIER_SEPARATOR);
        String name = separator < 0 ? level : level.substring(0, separator);
        Optional<String> qualifier = separator < 0 ? Optional.empty() : Optional.of(level.substring(separator + 1));
        return Optional.ofNullable(codecs.get(name)).map(codec -> stored(codec.type(), qualifier, entry));
    }

    private <T> StoredRecord<T> stored(
            ContextRecordType<T> type, Optional<String> qualifier, InvestigationContextEntry entry) {
        return new StoredRecord<>(
                type, qualifier, entry.timestamp(), entry.agentId(), codec(type).decode(entry.payload()));
    }

    @SuppressWarnings("unchecked") // codecs are keyed by their own type's name
    private <T> ContextRecordCodec<T> codec(ContextRecordType<T> type) {
        ContextRecordCodec<?> codec = codecs.get(type.name());
        if (codec == null || !codec.type().equals(type)) {
            return ContextRecordCodec.of(type);
        }
        return (ContextRecordCodec<T>) codec;
    }
}
