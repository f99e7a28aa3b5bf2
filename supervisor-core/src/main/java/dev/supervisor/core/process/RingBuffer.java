package dev.supervisor.core.process;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A bounded, thread-safe buffer that keeps the most recent elements: adding to a full buffer
 * drops the oldest. A capacity of 0 keeps nothing.
 *
 * @param <E> the element type
 */
final class RingBuffer<E> {

	private final Object[] elements;

	private final ReentrantLock lock = new ReentrantLock();

	/** Index of the oldest element. */
	private int head;

	private int size;

	RingBuffer(int capacity) {
		if (capacity < 0) {
			throw new IllegalArgumentException("Invalid ring buffer capacity: " + capacity + " (allowed: 0 or more)");
		}
		this.elements = new Object[capacity];
	}

	/**
	 * Add an element, dropping the oldest if the buffer is full.
	 * @param element the element, not {@code null}
	 */
	void add(E element) {
		if (this.elements.length == 0) {
			return;
		}
		this.lock.lock();
		try {
			int tail = (this.head + this.size) % this.elements.length;
			this.elements[tail] = element;
			if (this.size < this.elements.length) {
				this.size++;
			}
			else {
				this.head = (this.head + 1) % this.elements.length;
			}
		}
		finally {
			this.lock.unlock();
		}
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

}
