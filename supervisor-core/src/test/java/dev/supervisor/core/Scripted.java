package dev.supervisor.core;

import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A worker a test drives by hand: it runs until stopped, or until the test tells it to
 * {@link #crash()}, {@link #complete()} or {@link #signalReady()}. Chosen runs may fail at once.
 */
final class Scripted implements Worker {

	private final BlockingQueue<String> commands = new LinkedBlockingQueue<>();

	private final boolean readyAtStart;

	private final Set<Integer> failingRuns = ConcurrentHashMap.newKeySet();

	final AtomicInteger runs = new AtomicInteger();

	final Set<Integer> instances = ConcurrentHashMap.newKeySet();

	private Scripted(boolean readyAtStart) {
		this.readyAtStart = readyAtStart;
	}

	/** A worker that says it is ready as soon as it runs. */
	static Scripted readyAtOnce() {
		return new Scripted(true);
	}

	/** A worker that says it is ready only when the test calls {@link #signalReady()}. */
	static Scripted readyWhenTold() {
		return new Scripted(false);
	}

	/** Make run number {@code run} (from 1) fail as soon as it begins. */
	Scripted failingOnRun(int run) {
		this.failingRuns.add(run);
		return this;
	}

	void crash() {
		this.commands.add("crash");
	}

	void complete() {
		this.commands.add("complete");
	}

	void signalReady() {
		this.commands.add("ready");
	}

	@Override
	public void run(WorkerContext context) throws Exception {
		int run = this.runs.incrementAndGet();
		this.instances.add(context.instance());
		if (this.failingRuns.contains(run)) {
			throw new IllegalStateException(context.name() + " failed at start");
		}
		if (this.readyAtStart) {
			context.ready();
		}
		while (true) {
			String command;
			try {
				command = this.commands.take();
			}
			catch (InterruptedException ex) {
				return;
			}
			switch (command) {
				case "crash" -> throw new IllegalStateException(context.name() + " crashed");
				case "complete" -> {
					return;
				}
				default -> context.ready();
			}
		}
	}

}
