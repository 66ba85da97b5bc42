package io.rostersync.intake;

import io.rostersync.storage.SecretBox;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.config.hosts.HostConfigEntryResolver;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.AttributeRepository;
import org.apache.sshd.common.SshException;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.keyprovider.KeyIdentityProvider;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;
import org.apache.sshd.sftp.common.SftpConstants;
import org.apache.sshd.sftp.common.SftpException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls the districts' own SFTP sites: logs in with the sealed password or key, checks the server's
 * host key against the one pinned on the first connection, lists the folder, and once its files are
 * a complete drop ({@link CompleteDrop}, the same rule as our own folder) downloads only the files
 * that are new or changed since they were last taken, into a drop folder, recorded like any drop.
 * The district's files stay on its server. A site that asked for results gets a short text file per
 * drop in {@code out/} beside its files.
 */
public final class SftpPoller implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SftpPoller.class);
    /** The names we download: what a SIS writes, never a path or a control character. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._ -]{0,127}");
    private static final AttributeRepository.AttributeKey<HostKeyCheck> HOST_KEY_CHECK =
            new AttributeRepository.AttributeKey<>();

    private final Path dataDir;
    private final SftpSites sites;
    private final SiteFiles files;
    private final Intakes intakes;
    private final DropArrivals arrivals;
    private final Duration interval;
    private final Duration stableFor;
    private final Duration timeout;
    private final Clock clock;
    private final boolean allowPrivateHosts;
    private final SshClient client;

    /** A file in the site's folder. */
    public record RemoteFile(String name, long size, long modified) {
    }

    /**
     * What a connection test found: whether it logged in and listed the folder; the server's host
     * key, and whether it was pinned by this test; the files there. When it failed, why and what to do.
     */
    public record ConnectionTest(boolean connected, String hostKeyFingerprint, boolean pinnedNow,
            List<RemoteFile> files, String problem, String hint) {
    }

    /**
     * @param interval          how often each site is polled
     * @param stableFor         how long files must be unchanged, for a district that did not set its own time
     * @param allowPrivateHosts whether a site may be on a loopback, link-local or private address (an
     *                          operator's choice: otherwise a district admin could reach the service's own network)
     */
    public SftpPoller(DataSource dataSource, SecretBox secrets, Path dataDir, Duration interval, Duration stableFor,
            Duration timeout, Clock clock, boolean allowPrivateHosts) {
        this.dataDir = dataDir;
        this.sites = new SftpSites(dataSource, secrets);
        this.files = new SiteFiles(dataSource);
        this.intakes = new Intakes(dataSource);
        this.arrivals = new DropArrivals(dataSource);
        this.interval = interval;
        this.stableFor = stableFor;
        this.timeout = timeout;
        this.clock = clock;
        this.allowPrivateHosts = allowPrivateHosts;
        this.client = SshClient.setUpDefaultClient();
        // only what the district gave for its own site: never this machine's ~/.ssh keys, config or known hosts
        client.setKeyIdentityProvider(KeyIdentityProvider.EMPTY_KEYS_PROVIDER);
        client.setHostConfigEntryResolver(HostConfigEntryResolver.EMPTY);
        client.setServerKeyVerifier((session, address, key) -> session.getConnectionContext().getAttribute(HOST_KEY_CHECK)
                .accept(key));
        client.start();
    }

    /**
     * Connects to the district's site as a poll would, lists the folder, and pins the server's host key
     * if none is pinned: the one place a key is pinned, where an admin sees its fingerprint.
     */
    public ConnectionTest test(long districtId) throws SQLException {
        SftpSite site = sites.find(districtId).orElseThrow(() -> new IllegalStateException("no SFTP site"));
        HostKeyCheck check = new HostKeyCheck(site.hostKey());
        try (Session session = open(site, check)) {
            boolean pinned = false;
            if (site.hostKey() == null) {
                pinned = sites.pin(districtId, check.presented);
                if (!pinned) { // another test pinned one meanwhile: it must be this one
                    String now = sites.find(districtId).map(SftpSite::hostKey).orElse(null);
                    if (now != null && !KeyUtils.compareKeys(SftpSites.publicKey(now), check.presented)) {
                        check.mismatch = true;
                        throw explain(site, new HostKeyCheck(now).presenting(check.presented), null);
                    }
                }
            }
            List<RemoteFile> listed = list(session.sftp(), site.folder());
            if (site.writeResults()) {
                writable(session.sftp(), site.resultFolder());
            }
            return new ConnectionTest(true, KeyUtils.getFingerPrint(check.presented), pinned, listed, null, null);
        } catch (SiteException e) {
            return new ConnectionTest(false, check.presented == null ? null : KeyUtils.getFingerPrint(check.presented),
                    false, List.of(), e.getMessage(), e.hint);
        }
    }

    /** Polls every site that is due (one node at a time per site); returns the drops taken. */
    public List<Intakes.Intake> pollDue() throws SQLException {
        List<Intakes.Intake> taken = new ArrayList<>();
        java.util.Set<Long> passed = new java.util.HashSet<>();
        for (Optional<SftpSites.Claim> claim = sites.claimDue(clock.instant(), passed); claim.isPresent();
                claim = sites.claimDue(clock.instant(), passed)) {
            try (SftpSites.Claim held = claim.get()) {
                SftpSite site = held.site();
                String error = null;
                try {
                    poll(site).ifPresent(taken::add);
                } catch (SiteException e) {
                    error = e.getMessage() + " " + e.hint;
                    LOG.info("the SFTP site of district {} could not be polled: {}", site.districtId(), e.getMessage());
                } catch (IOException | SQLException | RuntimeException e) {
                    error = "The poll failed; the next one tries again.";
                    LOG.warn("the SFTP site of district {} could not be polled", site.districtId(), e);
                } finally {
                    sites.polled(site.districtId(), error, clock.instant().plus(interval));
                }
            }
        }
        return taken;
    }

    private Optional<Intakes.Intake> poll(SftpSite site) throws SQLException, IOException {
        HostKeyCheck check = new HostKeyCheck(site.hostKey());
        if (site.hostKey() == null) {
            throw new SiteException("The server's host key is not pinned yet, so nothing is downloaded.",
                    "Test the connection: it shows the server's key, to compare with what the district's IT sees,"
                            + " and pins it; polls start after.");
        }
        try (Session session = open(site, check)) {
            Optional<Intakes.Intake> drop = takeDrop(session.sftp(), site);
            if (drop.isPresent() && drop.get().status().equals("skipped")) {
                Intakes.Intake skipped = drop.get();
                intakes.noteResult(skipped, resultName(skipped, "skipped"), "outcome: skipped\ndrop: " + skipped.id()
                        + "\nreceived: " + skipped.receivedAt() + "\nfiles: " + String.join(", ", skipped.files())
                        + "\nsha256: " + skipped.sha256() + "\nwhy: " + skipped.detail() + ": nothing to sync\n");
            }
            if (site.writeResults()) {
                writeResults(session.sftp(), site);
            }
            return drop;
        }
    }

    /** The drop among the site's files, downloaded and recorded, if they are complete and something is new. */
    private Optional<Intakes.Intake> takeDrop(SftpClient sftp, SftpSite site) throws SQLException, IOException {
        long district = site.districtId();
        List<RemoteFile> listed = list(sftp, site.folder());
        Instant now = clock.instant();
        List<CompleteDrop.Candidate> candidates = files.note(district, listed, now);
        Optional<CompleteDrop.Decision> decision = CompleteDrop.decide(candidates, arrivals.get(district), stableFor,
                now);
        if (decision.isEmpty()) {
            return Optional.empty();
        }
        Map<String, RemoteFile> byName = listed.stream().collect(Collectors.toMap(RemoteFile::name,
                Function.identity()));
        List<RemoteFile> drop = new ArrayList<>();
        for (String name : decision.get().drop()) {
            if (NAME.matcher(name).matches()) {
                drop.add(byName.get(name));
            } else {
                LOG.info("district {}: {} is not downloaded: not a plain file name", district, name);
            }
        }
        List<RemoteFile> consumed = decision.get().consumed().stream().map(byName::get).toList();
        if (drop.isEmpty()) {
            files.taken(district, consumed); // a marker with nothing new beside it
            return Optional.empty();
        }
        Path into = DropFolder.create(dataDir, district);
        try {
            for (RemoteFile file : drop) {
                download(sftp, site.folder(), file, into.resolve(file.name()));
            }
        } catch (IOException | RuntimeException e) {
            deleteFolder(into); // a file that changed or broke off is tried again at the next poll
            throw e;
        }
        Intakes.Intake recorded = DropFolder.record(intakes, district, "poll", site.host(), into,
                drop.stream().map(RemoteFile::name).toList());
        List<RemoteFile> used = new ArrayList<>(drop);
        used.addAll(consumed);
        files.taken(district, used);
        LOG.info("took drop {} ({} file(s)) from the SFTP site of district {}", recorded.id(), drop.size(), district);
        return Optional.of(recorded);
    }

    /** Downloads a file as it was listed; one that changed meanwhile, or broke off, is not kept. */
    private void download(SftpClient sftp, String folder, RemoteFile file, Path target) throws IOException {
        String path = SftpPaths.join(folder, file.name());
        SftpClient.Attributes after;
        long copied;
        try (InputStream in = sftp.read(path)) {
            copied = Files.copy(in, target);
            after = sftp.stat(path);
        } catch (SftpException | SshException | java.io.EOFException e) {
            throw new SiteException("The download of " + file.name() + " broke off: " + e.getMessage(),
                    "Nothing to do if it happens once: it is downloaded again at the next poll.");
        }
        if (copied != file.size() || after.getSize() != file.size()
                || after.getModifyTime().toMillis() != file.modified()) {
            throw new SiteException(file.name() + " changed while it was downloaded.",
                    "Nothing to do: it is taken at a later poll, once it stays the same.");
        }
    }

    private void writeResults(SftpClient sftp, SftpSite site) throws SQLException {
        List<Intakes.PendingResult> pending = intakes.pendingResults(site.districtId());
        if (pending.isEmpty()) {
            return;
        }
        try {
            writable(sftp, site.resultFolder());
            for (Intakes.PendingResult result : pending) {
                try (OutputStream out = sftp.write(SftpPaths.join(site.resultFolder(), result.name()))) {
                    out.write(result.body().getBytes(StandardCharsets.UTF_8));
                }
                intakes.resultWritten(site.districtId(), result.intakeId());
            }
        } catch (IOException e) {
            // the result waits for the next poll; the poll itself worked
            LOG.info("results could not be written to the SFTP site of district {}: {}", site.districtId(),
                    e.getMessage());
        }
    }

    /** The name of a drop's result file: its time and id, so that they sort, and its outcome. */
    public static String resultName(Intakes.Intake drop, String outcome) {
        return "rostersync-" + java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
                .withZone(java.time.ZoneOffset.UTC).format(drop.receivedAt()) + "-drop-" + drop.id() + "-" + outcome
                + ".txt";
    }

    private static void writable(SftpClient sftp, String folder) throws SiteException {
        try {
            SftpClient.Attributes attributes = sftp.stat(folder);
            if (!attributes.isDirectory()) {
                throw new SiteException(folder + " is a file, not a folder, so results cannot be written there.",
                        "Remove it, or turn results off.");
            }
        } catch (SftpException e) {
            if (e.getStatus() != SftpConstants.SSH_FX_NO_SUCH_FILE) {
                throw new SiteException("The folder " + folder + " cannot be reached: " + e.getMessage(),
                        "Let our account write to it, or turn results off.");
            }
            try {
                sftp.mkdir(folder);
            } catch (IOException mkdir) {
                throw new SiteException("The folder " + folder + " cannot be made: " + mkdir.getMessage(),
                        "Make it, and let our account write to it; or turn results off.");
            }
        } catch (IOException e) {
            throw new SiteException("The folder " + folder + " cannot be reached: " + e.getMessage(),
                    "Let our account write to it, or turn results off.");
        }
    }

    private static List<RemoteFile> list(SftpClient sftp, String folder) throws SiteException {
        List<RemoteFile> out = new ArrayList<>();
        try {
            for (SftpClient.DirEntry entry : readDir(sftp, folder)) {
                SftpClient.Attributes a = entry.getAttributes();
                // every file, so that a hidden temporary one holds the drop; only plain names are downloaded
                if (a.isRegularFile()) {
                    out.add(new RemoteFile(entry.getFilename(), a.getSize(), a.getModifyTime().toMillis()));
                }
            }
        } catch (SftpException e) {
            if (e.getStatus() == SftpConstants.SSH_FX_NO_SUCH_FILE) {
                throw new SiteException("There is no folder " + folder + " on the server.",
                        "Give the folder the SIS drops its files in (. is the account's home).");
            }
            throw new SiteException("The folder " + folder + " cannot be listed: " + e.getMessage(),
                    "Let our account read it.");
        } catch (IOException e) {
            throw new SiteException("The folder " + folder + " cannot be listed: " + e.getMessage(),
                    "Try again; if it keeps failing, ask the district's IT to look at the server's log.");
        }
        out.sort(java.util.Comparator.comparing(RemoteFile::name));
        return out;
    }

    /** The folder's entries, read to the end (the client's iterator reports a failure unchecked). */
    private static List<SftpClient.DirEntry> readDir(SftpClient sftp, String folder) throws IOException {
        List<SftpClient.DirEntry> entries = new ArrayList<>();
        try {
            sftp.readDir(folder).forEach(entries::add);
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
        return entries;
    }

    /** An open SFTP session with a district's site. */
    private record Session(ClientSession ssh, SftpClient sftp) implements AutoCloseable {
        @Override
        public void close() {
            try {
                sftp.close();
            } catch (IOException e) {
                // closing is all that is left to do
            }
            ssh.close(true);
        }
    }

    private Session open(SftpSite site, HostKeyCheck check) throws SQLException, SiteException {
        SftpSites.Credentials credentials;
        try {
            credentials = sites.credentials(site.districtId());
        } catch (RuntimeException e) {
            throw new SiteException("The saved password or key cannot be used: " + e.getMessage(),
                    "Enter the site's password or key again.");
        }
        String address = address(site);
        ClientSession ssh = null;
        try {
            ssh = client.connect(site.username(), address, site.port(),
                    AttributeRepository.ofKeyValuePair(HOST_KEY_CHECK, check), null).verify(timeout).getSession();
            if (credentials.password() != null) {
                ssh.addPasswordIdentity(credentials.password());
            }
            if (credentials.key() != null) {
                ssh.addPublicKeyIdentity(credentials.key());
            }
            ssh.auth().verify(timeout);
            return new Session(ssh, SftpClientFactory.instance().createSftpClient(ssh));
        } catch (IOException | RuntimeException e) {
            if (ssh != null) {
                ssh.close(true);
            }
            throw explain(site, check, e);
        }
    }

    /**
     * The address to connect to, resolved once here and checked: a loopback, link-local, private or
     * other local address is refused unless the operator allowed them (connecting to the address
     * checked, so a name that resolves elsewhere the second time changes nothing).
     */
    private String address(SftpSite site) throws SiteException {
        java.net.InetAddress[] all;
        try {
            all = java.net.InetAddress.getAllByName(site.host());
        } catch (UnknownHostException e) {
            throw new SiteException("The host " + site.host() + " cannot be found.", "Check the host name.");
        }
        for (java.net.InetAddress a : all) {
            if (!allowPrivateHosts && io.rostersync.storage.PublicHosts.isPrivate(a)) {
                throw new SiteException("The host " + site.host() + " is a private or local address, which this"
                        + " installation does not poll.", "Give the district's public SFTP server; an operator can"
                        + " allow private addresses with --rostersync.poll.allow-private-hosts=true.");
            }
        }
        return all[0].getHostAddress();
    }

    /** Why a connection failed, in the words an admin (and the district's IT) can act on. */
    private static SiteException explain(SftpSite site, HostKeyCheck check, Exception e) {
        if (check.mismatch) {
            return new SiteException("The server's host key has changed: " + KeyUtils.getFingerPrint(check.presented)
                    + ", not the pinned " + KeyUtils.getFingerPrint(SftpSites.publicKey(check.pinned)) + ".",
                    "If the district changed its server or its key, forget the pinned key and test the connection"
                            + " again; if it did not, someone may be impersonating the server: nothing is downloaded.");
        }
        String where = site.host() + " port " + site.port();
        if (e == null) {
            return new SiteException("The connection to " + where + " failed.", "Test the connection again.");
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnknownHostException || t instanceof UnresolvedAddressException) {
                return new SiteException("The host " + site.host() + " cannot be found.", "Check the host name.");
            }
            if (t instanceof ConnectException || t instanceof NoRouteToHostException) {
                return new SiteException("Nothing answers on " + where + ".", "Check the host and port, and that"
                        + " the district's firewall lets this service's address in.");
            }
        }
        String message = String.valueOf(e.getMessage());
        if (e instanceof SshException && message.contains("No more authentication methods")) {
            return new SiteException("The server refused to log in " + site.username() + " with the saved "
                    + (site.hasPassword() && site.hasPrivateKey() ? "password and key"
                            : site.hasPassword() ? "password" : "key") + ".",
                    "Check the user name and password, or that the key's public half is in the account's"
                            + " authorized_keys.");
        }
        if (message.contains("timeout") || message.contains("timed out")) {
            return new SiteException("The server at " + where + " did not answer in time.",
                    "Check that it is an SFTP server and that the district's firewall lets this service in.");
        }
        return new SiteException("The connection to " + where + " failed: " + message,
                "Check the settings; the district's IT may see more in its server's log.");
    }

    /** The host key the server showed, and whether it is the pinned one (any key, when none is pinned yet). */
    private static final class HostKeyCheck {
        private final String pinned;
        private PublicKey presented;
        private boolean mismatch;

        HostKeyCheck(String pinned) {
            this.pinned = pinned;
        }

        boolean accept(PublicKey key) {
            presented = key;
            mismatch = pinned != null && !KeyUtils.compareKeys(SftpSites.publicKey(pinned), key);
            return !mismatch;
        }

        HostKeyCheck presenting(PublicKey key) {
            presented = key;
            mismatch = true;
            return this;
        }
    }

    /** A poll or test that failed for a reason the admin can act on. */
    static final class SiteException extends IOException {
        private static final long serialVersionUID = 1L;
        private final String hint;

        SiteException(String message, String hint) {
            super(message);
            this.hint = hint;
        }
    }

    private static void deleteFolder(Path folder) {
        try (var walk = Files.walk(folder)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            LOG.warn("could not remove {}: {}", folder, e.getMessage());
        }
    }

    @Override
    public void close() {
        try {
            client.stop();
        } catch (RuntimeException e) {
            LOG.debug("closing the SFTP client: {}", e.getMessage());
        }
    }
}
