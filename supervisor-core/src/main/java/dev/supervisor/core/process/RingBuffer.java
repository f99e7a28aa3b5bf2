package dev.supervisor.core.process;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.ToIntFunction;

/**
 * A bounded, thread-safe buffer that keeps the most recent elements: adding to a full buffer
 * drops the oldest. It is bounded by count and, optionally, by total weight (such as the
 * characters of output lines), whichever is reached first; the newest element is always kept.
 * A capacity of 0 keeps nothing.
 *
 * @param <E> the element type
 */
final class RingBuffer<E> {

	private final Object[] elements;

	private final long maxWeight;

	private final ToIntFunction<? super E> weigher;

	private final ReentrantLock lock = new ReentrantLock();

	/** Index of the oldest element. */
	private int head;

	private int size;

	/** Total weight of the elements held; guarded by {@link #lock}. */
	private long weight;

	RingBuffer(int capacity) {
		this(capacity, Long.MAX_VALUE, (element) -> 0);
	}

	/**
	 * @param capacity the most elements kept
	 * @param maxWeight the most total weight kept
	 * @param weigher the weight of an element, zero or more
	 */
	RingBuffer(int capacity, long maxWeight, ToIntFunction<? super E> weigher) {
		if (capacity < 0) {
			throw new IllegalArgumentException("Invalid ring buffer capacity: " + capacity + " (allowed: 0 or more)");
		}
		this.elements = new Object[capacity];
		this.maxWeight = maxWeight;
		this.weigher = weigher;
	}

	/**
	 * Add an element, dropping the oldest while the buffer is over its count or weight.
	 * @param element the element, not {@code null}
	 */
	void add(E element) {
		if (this.elements.length == 0) {
			return;
		}
		int elementWeight = this.weigher.applyAsInt(element);
		this.lock.lock();
		try {
			if (this.size == this.elements.length) {
				dropOldest();
			}
			this.elements[(this.head + this.size) % this.elements.length] = element;
			this.size++;
			this.weight += elementWeight;
			while (this.weight > this.maxWeight && this.size > 1) {
				dropOldest();
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	@SuppressWarnings("unchecked")
	private void dropOldest() {
		E oldest = (E) this.elements[this.head];
		this.elements[this.head] = null;
		this.weight -= this.weigher.applyAsInt(oldest);
		this.head = (this.head + 1) % this.elements.length;
		this.size--;
	}

	/**
	 * The elements, oldest first.
	 * @return an immutable copy
	 */
	@SuppressWarnings("unchecked")
	List<E> toList() {
		this.lock.lock();
		try {
			List<E> copy = new ArrayList<>(this.size);
			for (int i = 0; i < this.size; i++) {
				copy.add((E) this.elements[(this.head + i) % this.elements.length]);
			}
			return List.copyOf(copy);
		}
		finally {
			this.lock.unlock();
		}
	}

	int capacity() {
		return this.elements.length;
	}

	/**
	 * The total weight held now.
	 * @return the weight
	 */
	long weight() {
		this.lock.lock();
		try {
			return this.weight;
		}
		finally {
			this.lock.unlock();
		}
	}

}
