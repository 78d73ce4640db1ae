package org.billingreports.ratedecks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import org.billingreports.accounts.Account;
import org.billingreports.accounts.AccountAccess;
import org.billingreports.accounts.Ids;
import org.billingreports.changes.InputChanges;
import org.billingreports.kernel.ApiException;
import org.billingreports.kernel.FieldErrors;
import org.billingreports.kernel.LimitedInput;
import org.billingreports.kernel.RequestLimits;
import org.billingreports.kernel.Text;
import org.billingreports.rating.BillingItem;
import org.billingreports.rating.Decimals;
import org.billingreports.security.Caller;
import org.billingreports.security.RequestQuotas;

/**
 * Uploads and reads rate decks: a SystemAdministrator's or a Manager's of the deck's account (a deck
 * is what a provider pays and charges, not a customer's business). An upload is a new version of the
 * deck, stored whole or not at all: one rejected line refuses the file.
 */
@Service
public class RateDecks {

	private static final int MAX_NAME = 200;

	private final RateDeckRepository decks;

	private final AccountAccess access;

	private final TransactionTemplate transaction;

	private final Clock clock;

	private final long maxBytes;

	private final InputChanges changes;

	private final RequestQuotas quotas;

	RateDecks(RateDeckRepository decks, AccountAccess access, PlatformTransactionManager transactionManager,
			Clock clock, RequestLimits limits, InputChanges changes, RequestQuotas quotas) {
		this.quotas = quotas;
		this.changes = changes;
		this.decks = decks;
		this.maxBytes = limits.maxImportBytes().toBytes();
		this.access = access;
		this.transaction = new TransactionTemplate(transactionManager);
		this.clock = clock;
	}

	/**
	 * What an upload names: the account, and the deck by its id or its name (a new deck when neither
	 * exists: it then needs a name).
	 * @param item the item of lines without an {@code item} column; outbound voice unless given
	 */
	public record UploadRequest(String accountId, String deckId, String name, String item, String fileName) {
	}

	public DeckUpload upload(UploadRequest request, InputStream file, Caller caller) throws IOException {
		this.quotas.spend(caller, RequestQuotas.Kind.launches);
		FieldErrors errors = new FieldErrors().required("accountId", request.accountId());
		String deckId = Text.strippedOrNull(request.deckId());
		String name = Text.strippedOrNull(request.name());
		if (deckId != null && !deckId.matches(Ids.PATTERN)) {
			errors.add("deckId", "InvalidId", Ids.MESSAGE);
		}
		if (deckId == null && name == null) {
			errors.add("name", "Required", "name (a new deck's, or an existing deck's) or deckId is required");
		}
		if (name != null) {
			errors.printable("name", name);
			if (name.length() > MAX_NAME) {
				errors.add("name", "TooLong", "name is at most " + MAX_NAME + " characters");
			}
		}
		BillingItem item = BillingItem.OUTBOUND_VOICE_CALLS;
		if (Text.strippedOrNull(request.item()) != null) {
			try {
				item = RateDeckFile.callItem(request.item().strip());
			}
			catch (IllegalArgumentException ex) {
				errors.add("item", "InvalidValue", ex.getMessage());
			}
		}
		errors.throwIfAny();
		Account account = this.access.actionable(request.accountId(), "accountId", caller);
		caller.requireManagerOf(account.id());
		if (file == null) {
			throw ApiException.badRequest("FileRequired", "The rate deck is the body (text/csv) or the multipart part 'file'");
		}
		BillingItem defaultItem = item;
		UploadOutcome outcome = this.transaction.execute(status -> {
			try {
				RateDeckRepository.Deck deck = deckToVersion(account.id(), deckId, name);
				int version = deck.version() + 1;
				this.decks.insertVersion(deck.id(), version, request.fileName(), caller.getUsername(), this.clock.instant());
				List<RateDeckFile.RateLine> batch = new ArrayList<>();
				RateDeckFile.Result result = RateDeckFile.read(new LimitedInput(file, this.maxBytes, "a rate deck"), defaultItem, account.zone(), line -> {
					batch.add(line);
					if (batch.size() == RateDeckRepository.BATCH) {
						this.decks.insertRates(deck.id(), version, batch);
						batch.clear();
					}
				});
				if (result.rejected() > 0) {
					status.setRollbackOnly();
					return new UploadOutcome(null, result);
				}
				this.decks.insertRates(deck.id(), version, batch);
				this.decks.publish(deck.id(), version, result.rates());
				this.changes.deckUploaded(account.id(), deck.id(), version,
						"version " + version + " of rate deck " + deck.name() + " was uploaded");
				return new UploadOutcome(deck.id(), result);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		});
		RateDeckFile.Result result = outcome.result();
		RateDeckInfo info = (outcome.deckId() != null) ? info(this.decks.find(outcome.deckId()).orElseThrow()) : null;
		return new DeckUpload(info, result.lines(), (info != null) ? result.rates() : 0, result.rejected(),
				result.rejections());
	}

	private record UploadOutcome(String deckId, RateDeckFile.Result result) {
	}

	/** The deck the upload makes a new version of, locked; created when it does not exist. */
	private RateDeckRepository.Deck deckToVersion(String accountId, String deckId, String name) {
		RateDeckRepository.Deck existing = (deckId != null) ? this.decks.find(deckId).orElse(null)
				: this.decks.findByName(accountId, name).orElse(null);
		if (existing != null && !existing.accountId().equals(accountId)) {
			throw ApiException.conflict("AlreadyExists", "Rate deck '" + deckId + "' exists already");
		}
		if (existing == null) {
			if (name == null) {
				throw ApiException.invalidField("name", "Required", "rate deck '" + deckId + "' does not exist: a new "
						+ "deck needs a name");
			}
			String id = Ids.orNew(deckId);
			try {
				this.decks.insert(id, accountId, name);
			}
			catch (DuplicateKeyException ex) {
				throw ApiException.conflict("AlreadyExists", "A rate deck named '" + name + "' or with id '" + id
						+ "' exists already");
			}
			return this.decks.lock(id).orElseThrow();
		}
		return this.decks.lock(existing.id()).orElseThrow();
	}

	/** The account's decks. */
	public List<RateDeckInfo> list(String accountId, Caller caller) {
		new FieldErrors().required("accountId", accountId).throwIfAny();
		readable(accountId, caller);
		return this.decks.findByAccount(accountId).stream().map(this::info).toList();
	}

	public RateDeckInfo get(String id, Caller caller) {
		return info(readableDeck(id, caller));
	}

	/**
	 * A version of the deck (the newest unless given) in the upload format, so that it can be corrected
	 * and uploaded again; who may read it and whether the version exists is checked here, before anything
	 * is written.
	 */
	public Rates rates(String id, Integer version, Caller caller) {
		RateDeckRepository.Deck deck = readableDeck(id, caller);
		int wanted = (version != null) ? version : deck.version();
		if (wanted < 1 || wanted > deck.version()) {
			throw ApiException.notFound("Rate deck version", id + " " + wanted);
		}
		return out -> writeRates(deck.id(), wanted, out);
	}

	/** A version's rates, to write. */
	public interface Rates {

		void writeTo(OutputStream out) throws IOException;

	}

	private void writeRates(String deckId, int version, OutputStream out) throws IOException {
		List<String> header = new ArrayList<>(RateDeckFile.REQUIRED);
		header.addAll(RateDeckFile.OPTIONAL);
		try (CSVPrinter csv = CSVFormat.RFC4180.builder().setHeader(header.toArray(String[]::new)).get()
			.print(new OutputStreamWriter(out, StandardCharsets.UTF_8))) {
			this.decks.forEachRate(deckId, version, rate -> {
				try {
					csv.printRecord(rate.prefix(), rate.description(), plain(rate.tariff().connectFee()),
							plain(rate.tariff().rate()), rate.tariff().rateUnitSeconds(),
							rate.tariff().firstIncrementSeconds(), rate.tariff().nextIncrementSeconds(),
							plain(rate.tariff().minimumCharge()), rate.effectiveFrom(),
							(rate.effectiveTo() != null) ? rate.effectiveTo() : "", rate.item().settingsField());
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			});
		}
	}

	private RateDeckRepository.Deck readableDeck(String id, Caller caller) {
		RateDeckRepository.Deck deck = this.decks.find(id)
			.filter(found -> caller.canSeeAccount(found.accountId()))
			.orElseThrow(() -> ApiException.notFound("Rate deck", id));
		readable(deck.accountId(), caller);
		return deck;
	}

	private void readable(String accountId, Caller caller) {
		this.access.readable(accountId, caller);
		caller.requireManagerOf(accountId);
	}

	private RateDeckInfo info(RateDeckRepository.Deck deck) {
		Map<String, Long> perItem = new LinkedHashMap<>();
		this.decks.ratesPerItem(deck.id(), deck.version()).forEach((item, count) -> perItem.put(item.settingsField(), count));
		List<RateDeckInfo.VersionInfo> versions = this.decks.versions(deck.id())
			.stream()
			.map(v -> new RateDeckInfo.VersionInfo(v.version(), v.fileName(), v.rates(), v.uploadedBy(), v.uploadedAt()))
			.toList();
		return new RateDeckInfo(deck.id(), deck.accountId(), deck.name(), deck.version(), perItem, versions);
	}

	private static String plain(BigDecimal value) {
		return Decimals.plain(value).toPlainString();
	}

}
