package ai.socagent.embedded.rocksdb;

import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.CompressionType;
import org.rocksdb.DBOptions;
import org.rocksdb.InfoLogLevel;
import org.rocksdb.LRUCache;

/**
 * The options both embedded stores open RocksDB with (ADR 0005, ADR 0006), in one place so that a
 * measured change reaches both: LZ4 on the upper levels and ZSTD at the bottom (small on disk in
 * steady state), bounded memtables and write-ahead log (bounded memory and disk between flushes),
 * bloom filters for point reads, two background jobs (two cores), an info log that stays small.
 * The caller loads the library first ({@code RocksDB.loadLibrary()}) and owns (closes) every object
 * returned.
 */
public final class RocksDbTuning {

    private RocksDbTuning() {}

    /** Column-family options reading through {@code blockCache}. */
    public static ColumnFamilyOptions columnFamilyOptions(LRUCache blockCache) {
        return new ColumnFamilyOptions()
                .setWriteBufferSize(8L << 20)
                .setMaxWriteBufferNumber(2)
                .setCompressionType(CompressionType.LZ4_COMPRESSION)
                .setBottommostCompressionType(CompressionType.ZSTD_COMPRESSION)
                .setLevelCompactionDynamicLevelBytes(true)
                .setTableFormatConfig(new BlockBasedTableConfig()
                        .setBlockCache(blockCache)
                        .setBlockSize(16 * 1024)
                        .setFilterPolicy(new BloomFilter(10)));
    }

    /** Database options that create what is missing and cap the write-ahead log at {@code maxTotalWalBytes}. */
    public static DBOptions databaseOptions(long maxTotalWalBytes) {
        return new DBOptions()
                .setCreateIfMissing(true)
                .setCreateMissingColumnFamilies(true)
                .setMaxTotalWalSize(maxTotalWalBytes)
                .setMaxBackgroundJobs(2)
                .setKeepLogFileNum(2)
                .setMaxLogFileSize(1L << 20)
                .setInfoLogLevel(InfoLogLevel.WARN_LEVEL);
    }
}
